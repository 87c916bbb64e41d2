import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollOverDay } from '../../server/commands/rollOverDay.js';
import { sweepDay } from '../../server/commands/sweepDay.js';
import { callNext } from '../../server/commands/callNext.js';
import { cancelTicket } from '../../server/commands/cancelTicket.js';
import { closeWindow } from '../../server/commands/closeWindow.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { markNoShow } from '../../server/commands/markNoShow.js';
import { markAway } from '../../server/commands/markAway.js';
import { rateTicket, type RateProps } from '../../server/commands/rateTicket.js';
import { recallTicket } from '../../server/commands/recallTicket.js';
import { markBack } from '../../server/commands/markBack.js';
import { signIn } from '../../server/commands/signIn.js';
import { signOut } from '../../server/commands/signOut.js';
import { startService } from '../../server/commands/startService.js';
import { transferTicket } from '../../server/commands/transferTicket.js';
import { HallEventError, hallEvents, hallEventTypes, parseHallEvent, type HallEvent } from '../../server/events.js';
import { MONDAY_9AM, testHall, type TestHall } from '../helpers/hall.js';

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  expect(r).toMatchObject({ ok: true });
  return r as Extract<T, { ok: true }>;
};

let h: TestHall;
/** What the scripts wrote to the hall's stream (field e), in order, unparsed. */
let written: unknown[];

const w1 = { windowId: 't1-1', staffId: 's1' };
const issue = async (serviceId = 'social') => {
  h.advance(1000);
  return ok(await issueTicket(h.ctx, { hallId: 't1', serviceId }));
};
const serve = async () => {
  const called = ok(await callNext(h.ctx, w1)).ticket!;
  ok(await startService(h.ctx, w1));
  ok(await completeTicket(h.ctx, { ...w1, outcome: 'completed' }));
  const hall = h.ctx.halls.get('t1')!;
  return { ticketId: called.id, rateToken: (await h.ctx.store.position('t1', called.id, hall, h.now()))!.rateToken! };
};
const rate = async (props: Omit<RateProps, 'ticketId' | 'rateToken'>) => ok(await rateTicket(h.ctx, { ...(await serve()), ...props }));

// One day of the test hall through every command, each branch a script can take when it emits.
beforeAll(async () => {
  h = await testHall('events');
  ok(await signIn(h.ctx, { ...w1, post: 'A' }));
  ok(await signIn(h.ctx, { windowId: 't1-1', staffId: 's2', post: 'B' }));
  for (let i = 0; i < 3; i++) await issue();
  ok(await callNext(h.ctx, w1));
  ok(await recallTicket(h.ctx, w1));
  // Each no-show re-queues a ticket until one passes the limit (1 in the test hall) and is missed.
  // (A no-show counts a minute after the call at the earliest.)
  const noShow = async () => {
    h.advance(60_000);
    return ok(await markNoShow(h.ctx, w1));
  };
  while ((await noShow()).ticket?.status !== 'missed') ok(await callNext(h.ctx, w1));
  await rate({ level: 2, reasons: ['等候时间长'], comment: '  叫号后等了很久  ', channel: 'qr' });
  await rate({ level: 5, channel: 'pad', windowId: 't1-1' });
  await issue();
  await issue();
  ok(await callNext(h.ctx, w1));
  ok(await transferTicket(h.ctx, { ...w1, toWindowId: 't1-2' }));
  ok(await callNext(h.ctx, w1));
  ok(await startService(h.ctx, w1));
  ok(await transferTicket(h.ctx, { ...w1, toServiceId: 'land' }));
  const citizen = await issue();
  ok(await cancelTicket(h.ctx, { ticketId: citizen.ticket.id, trackToken: citizen.trackToken, reason: 'citizen' }));
  ok(await cancelTicket(h.ctx, { ticketId: (await issue()).ticket.id, reason: 'manager' }));
  ok(await markAway(h.ctx, { ...w1, reason: 'meal' }));
  ok(await markBack(h.ctx, w1));
  ok(await signOut(h.ctx, { windowId: 't1-1', staffId: 's2' }));
  ok(await closeWindow(h.ctx, { windowId: 't1-1', by: 'm1' }));
  // Attendance alerts (alert.lua): the closed window raises window_unstaffed; a sign-in resolves it.
  const alert = { op: 'raise', alertId: 'window_unstaffed:t1-1:20261123:am', kind: 'window_unstaffed', windowId: 't1-1', since: MONDAY_9AM } as const;
  expect(await h.ctx.store.exec('alert', 't1', h.now(), 'raise:1', alert)).toMatchObject({ ok: true, raised: true });
  ok(await signIn(h.ctx, { ...w1, post: 'A' }));
  expect(await h.ctx.store.exec('alert', 't1', h.now(), undefined, { op: 'reconcile' })).toMatchObject({ ok: true, resolved: 1 });
  // A manager acknowledges it at the desk (alert.acknowledged), once.
  expect(await h.ctx.store.exec('alert', 't1', h.now(), undefined, { op: 'ack', alertId: alert.alertId, by: 'm1', note: '已处理' })).toMatchObject({ ok: true, acknowledged: true });
  expect(await h.ctx.store.exec('alert', 't1', h.now(), undefined, { op: 'ack', alertId: alert.alertId, by: 'm1' })).toMatchObject({ ok: false, reason: 'bad_state' });
  ok(await signOut(h.ctx, w1));
  // The day's end: at closing one window idle, one still serving; tickets from a kiosk and the help desk.
  ok(await signIn(h.ctx, { windowId: 't1-2', staffId: 's2', post: 'A' }));
  ok(await signIn(h.ctx, { windowId: 't1-3', staffId: 's3', post: 'A' }));
  ok(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'land', channel: 'kiosk' }));
  ok(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'land', channel: 'desk' }));
  const w2 = { windowId: 't1-2', staffId: 's2' };
  ok(await callNext(h.ctx, w2));
  h.at(MONDAY_9AM + 8.5 * 3600_000); // 17:30
  ok(await sweepDay(h.ctx, { hallId: 't1' }));
  ok(await startService(h.ctx, w2));
  ok(await completeTicket(h.ctx, { ...w2, outcome: 'completed' })); // the busy window closes as it lets go
  // Tuesday: a hub down at closing time, so Wednesday's rollover ends the day, mid-service included.
  h.at(MONDAY_9AM + 15 * 3600_000); // Tue 00:00
  ok(await rollOverDay(h.ctx, { hallId: 't1' }));
  h.at(MONDAY_9AM + 24 * 3600_000);
  ok(await signIn(h.ctx, { ...w2, post: 'A' }));
  await issue('land');
  await issue('land');
  ok(await callNext(h.ctx, w2));
  h.at(MONDAY_9AM + 39 * 3600_000); // Wed 00:00
  ok(await rollOverDay(h.ctx, { hallId: 't1' }));
  const entries = await h.ctx.store.redis.xrange(`${h.ctx.store.prefix('t1')}events`, '-', '+');
  written = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('e') + 1]!) as unknown);
});
afterAll(() => h.cleanup());

/** The branch of a type an event shows, where a script emits the type in more than one way. */
function variant(e: HallEvent): string {
  switch (e.type) {
    case 'ticket.noShow':
      return `${e.type} ${e.ticket.status}`;
    case 'ticket.cancelled':
      return `${e.type} ${e.reason}${e.queues ? '' : ' (swept)'}${e.window ? ' from a window' : ''}`;
    case 'ticket.issued':
      return `${e.type} ${e.channel ?? 'unmarked'}`;
    case 'window.closed':
      return `${e.type} ${e.reason ?? 'by a manager'}`;
    case 'ticket.transferred':
      return `${e.type} to ${e.ticket.transferTo?.startsWith('t1-') ? 'window' : 'service'}`;
    case 'ticket.rated':
      return `${e.type} ${e.rating.reasons && e.rating.comment ? 'with reasons and comment' : 'bare'}`;
    case 'staff.signedIn':
    case 'staff.signedOut':
      return `${e.type} ${e.reason}`;
    default:
      return e.type;
  }
}

describe('the events the scripts write', () => {
  it('each parses against the schema of its type', () => {
    expect(written.length).toBeGreaterThan(30);
    for (const raw of written) expect(() => parseHallEvent(raw)).not.toThrow();
  });

  it('cover every type in the registry, so a new type cannot go untested', () => {
    const types = new Set(written.map((raw) => parseHallEvent(raw).type));
    expect([...types].sort()).toEqual([...hallEventTypes].sort());
  });

  it('cover each way a script emits its type', () => {
    const seen = new Set(written.map((raw) => variant(parseHallEvent(raw))));
    for (const v of [
      'ticket.noShow waiting',
      'ticket.noShow missed',
      'ticket.cancelled citizen',
      'ticket.cancelled manager',
      'ticket.cancelled end_of_day (swept)',
      'ticket.cancelled previous_day (swept)',
      'ticket.transferred to window',
      'ticket.transferred to service',
      'ticket.rated with reasons and comment',
      'ticket.rated bare',
      'staff.signedIn A',
      'staff.signedIn B',
      'staff.signedOut B',
      'staff.signedOut end_of_day',
      'window.closed by a manager',
      'window.closed end_of_day',
      'ticket.cancelled previous_day (swept) from a window',
      'ticket.issued kiosk',
      'ticket.issued desk',
      'ticket.issued unmarked',
    ]) {
      expect(seen, v).toContain(v);
    }
  });

  it('give a re-queued no-show its place and leave the lists a rating lacks out', () => {
    const events = written.map(parseHallEvent);
    const requeued = events.find((e) => e.type === 'ticket.noShow' && e.ticket.status === 'waiting');
    expect(requeued).toMatchObject({ ticket: { queuedAt: expect.any(Number) } });
    const bare = events.find((e) => e.type === 'ticket.rated' && e.rating.level === 5);
    expect(bare).toBeDefined();
    expect(bare).not.toHaveProperty('rating.reasons');
    expect(bare).not.toHaveProperty('rating.comment');
  });

  it('has one version per type', () => {
    for (const type of hallEventTypes) expect(hallEvents[type].version).toBeGreaterThanOrEqual(1);
  });
});

describe('an event that is not what the scripts write', () => {
  const called = () => {
    const e = written.map(parseHallEvent).find((x) => x.type === 'ticket.called');
    return structuredClone(e!) as Record<string, unknown> & { ticket: Record<string, unknown>; window: Record<string, unknown> };
  };
  const refusal = (raw: unknown): HallEventError => {
    try {
      parseHallEvent(raw);
    } catch (err) {
      if (err instanceof HallEventError) return err;
      throw err;
    }
    throw new Error('accepted');
  };

  it('is refused for an unknown type', () => {
    const err = refusal({ ...called(), type: 'ticket.vanished' });
    expect(err.path).toBe('type');
    expect(err.message).toContain('"ticket.vanished"');
    expect(refusal(null).path).toBe('type');
  });

  it('is refused for a missing field, naming its path', () => {
    const e = called();
    delete e.ticket.number;
    const err = refusal(e);
    expect(err.path).toBe('ticket.number');
    expect(err.message).toMatch(/^ticket\.called event \d+: .* at ticket\.number$/);
  });

  it('is refused for a value outside its enum', () => {
    const e = called();
    e.window.pauseReason = 'nap';
    expect(refusal(e).path).toBe('window.pauseReason');
  });

  it('is refused for a status its script never leaves the ticket in', () => {
    const e = called();
    e.ticket.status = 'waiting';
    expect(refusal(e).path).toBe('ticket.status');
  });

  it('is refused for a field its script never writes', () => {
    const e = called();
    e.ticket.queuedAt = 1;
    const err = refusal(e);
    expect(err.path).toBe('ticket.queuedAt');
    expect(err.message).toContain('queuedAt');
  });

  it('is refused for an empty list, which cjson would write as {}', () => {
    expect(refusal({ ...called(), queues: {} }).path).toBe('queues');
  });
});
