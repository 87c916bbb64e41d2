import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { signIn } from '../../server/commands/signIn.js';
import { startService } from '../../server/commands/startService.js';
import { parseConfig } from '../../server/config.js';
import { testHall, type TestHall } from '../helpers/hall.js';

const WINDOWS = 50;
const TICKETS = 2000;
const services = ['a', 'b', 'c'];

const config = parseConfig({
  halls: [
    {
      id: 'big',
      name: '并发测试中心',
      level: 'county',
      schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' },
      services: services.map((id, i) => ({ id, name: id, prefix: 'ABC'[i], standardMinutes: 5 })),
      windows: Array.from({ length: WINDOWS }, (_, i) => ({ number: i + 1, name: `窗口${i + 1}`, tiers: [services] })),
      staff: Array.from({ length: WINDOWS }, (_, i) => ({ id: `w${i + 1}`, name: `员工${i + 1}`, posts: [{ window: i + 1, post: 'A' }] })),
    },
  ],
});

let h: TestHall;
beforeAll(async () => {
  h = await testHall('concurrency', config);
  await Promise.all(Array.from({ length: TICKETS }, (_, i) => issueTicket(h.ctx, { hallId: 'big', serviceId: services[i % 3]!, priority: i % 7 === 0 ? 'priority' : 'normal' })));
  await Promise.all(Array.from({ length: WINDOWS }, (_, i) => signIn(h.ctx, { windowId: `big-${i + 1}`, staffId: `w${i + 1}`, post: 'A' })));
});
afterAll(() => h.cleanup());

describe('50 windows pressing call-next at once', () => {
  it('calls each of 2,000 waiting tickets exactly once, with gapless increasing event ids', async () => {
    const calledBy = new Map<string, string[]>();
    async function window(n: number): Promise<void> {
      const me = { windowId: `big-${n}`, staffId: `w${n}` };
      for (;;) {
        const r = await callNext(h.ctx, me);
        if (!r.ok) throw new Error(`window ${n}: ${r.reason}`);
        if (!r.ticket) return;
        calledBy.set(r.ticket.id, [...(calledBy.get(r.ticket.id) ?? []), me.windowId]);
        await startService(h.ctx, me);
        await completeTicket(h.ctx, { ...me, outcome: 'completed' });
      }
    }
    await Promise.all(Array.from({ length: WINDOWS }, (_, i) => window(i + 1)));

    expect(calledBy.size).toBe(TICKETS);
    expect([...calledBy.values()].filter((w) => w.length !== 1)).toEqual([]);

    const events = (await h.ctx.store.eventsAfter('big', 0, 100_000))!;
    const calls = events.filter((e) => e.type === 'ticket.called');
    expect(calls).toHaveLength(TICKETS);
    expect(new Set(calls.map((e) => e.ticket!.id)).size).toBe(TICKETS);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    // 2,000 issued + 50 sign-ins + 2,000 × (called, started, completed).
    expect(events).toHaveLength(TICKETS + WINDOWS + 3 * TICKETS);
  });
});
