/**
 * The counter's "接下来（按叫号顺序）" list is what F1 then calls (issue 11: after a no-show the list
 * showed the no-showed ticket first while F1 called the next one). The list is built as the
 * terminal builds it — the hall's snapshot, the events applied on top (display/lib/hallState.ts),
 * then counter/terminal/waitingOrder.ts — and compared with what call-next really gives, on Redis.
 */
import { applyEvent } from '../../display/lib/hallState.js';
import { waitingOrder } from '../../counter/terminal/waitingOrder.js';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { markNoShow } from '../../server/commands/markNoShow.js';
import { signIn } from '../../server/commands/signIn.js';
import { startService } from '../../server/commands/startService.js';
import { transferTicket } from '../../server/commands/transferTicket.js';
import { hallSnapshot, presentHall } from '../../server/http/presenters.js';
import type { HallEvent, HallSnapshot } from '../../server/protocol.js';
import { testHall, type TestHall } from '../helpers/hall.js';

let h: TestHall;
afterEach(async () => h?.cleanup());

const w1 = { windowId: 't1-1', staffId: 's1' };

async function setUp(): Promise<{ events: HallEvent[]; before: HallSnapshot }> {
  h = await testHall('counter-order');
  const hall = h.ctx.halls.get('t1')!;
  const before = await hallSnapshot(h.ctx, hall);
  const events: HallEvent[] = [];
  const keep = <T extends { ok: boolean }>(r: T): T => {
    if (r.ok) events.push(...(r as unknown as { events: HallEvent[] }).events);
    return r;
  };
  keep(await signIn(h.ctx, { ...w1, post: 'A' }));
  for (let i = 0; i < 5; i++) {
    keep(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' }));
    h.advance(1000);
  }
  return { events, before };
}

/** The terminal's list for window 1: its hall info, its live state, its clock. */
function counterList(live: HallSnapshot): string[] {
  const info = presentHall(h.ctx.halls.get('t1')!);
  const w = info.windows.find((x) => x.id === 't1-1')!;
  return waitingOrder(live.waiting, { windowId: w.id, tiers: w.tiers, classOrder: info.classOrder, ageingMinutes: info.ageingMinutes }, h.now()).map((t) => t.number);
}

/** Call, start and complete until nobody waits: the numbers in the order F1 got them. */
async function callAll(): Promise<string[]> {
  const called: string[] = [];
  for (;;) {
    const r = await callNext(h.ctx, w1);
    if (!r.ok || !r.ticket) return called;
    called.push(r.ticket.number);
    await startService(h.ctx, w1);
    await completeTicket(h.ctx, { ...w1, outcome: 'completed' });
  }
}

describe('the counter’s next tickets', () => {
  it('shows a no-showed ticket where F1 will call it, not first (re-queued 2 places behind the head)', async () => {
    const { events, before } = await setUp();
    const called = await callNext(h.ctx, w1);
    expect(called.ok && called.ticket?.number).toBe('A001');
    h.advance(60_000); // the test hall's minimum time before a no-show counts (noShowAfterSeconds)
    const noShow = await markNoShow(h.ctx, w1);
    if (called.ok && noShow.ok) events.push(...called.events, ...noShow.events);

    // By hand: A002 A003 wait ahead of it (noShowRequeuePlaces 2 in the test hall), A004 A005 behind.
    const expected = ['A002', 'A003', 'A001', 'A004', 'A005'];
    const fromEvents = events.reduce(applyEvent, before);
    const fromSnapshot = await hallSnapshot(h.ctx, h.ctx.halls.get('t1')!);
    expect(counterList(fromEvents)).toEqual(expected);
    expect(counterList(fromSnapshot)).toEqual(expected);
    expect(await callAll()).toEqual(expected);
  });

  it('shows a ticket transferred back to the service ahead of the class queue, as F1 calls it', async () => {
    const { events, before } = await setUp();
    const called = await callNext(h.ctx, w1);
    const moved = await transferTicket(h.ctx, { ...w1, toServiceId: 'social' });
    if (called.ok && moved.ok) events.push(...called.events, ...moved.events);
    const expected = ['A001', 'A002', 'A003', 'A004', 'A005'];
    expect(counterList(events.reduce(applyEvent, before))).toEqual(expected);
    expect(counterList(await hallSnapshot(h.ctx, h.ctx.halls.get('t1')!))).toEqual(expected);
    expect(await callAll()).toEqual(expected);
  });
});
