import { afterEach, describe, expect, it } from 'vitest';
import { rollOverDay } from '../../server/commands/rollOverDay.js';
import { sweepDay } from '../../server/commands/sweepDay.js';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { signIn } from '../../server/commands/signIn.js';
import { startService } from '../../server/commands/startService.js';
import { MONDAY_9AM, testHall, type TestHall } from '../helpers/hall.js';

let h: TestHall | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const at = (iso: string) => Date.parse(iso);

describe('numbering, caps and issuing hours', () => {
  it('numbers each service on its own: prefix and three digits from 001', async () => {
    h = await testHall('num');
    const numbers = [];
    for (const serviceId of ['social', 'social', 'land', 'social']) {
      const r = await issueTicket(h.ctx, { hallId: 't1', serviceId });
      numbers.push(r.ok && r.ticket.number);
    }
    expect(numbers).toEqual(['A001', 'A002', 'B001', 'A003']);
  });

  it('reports how many wait ahead, counting more urgent classes', async () => {
    h = await testHall('num-ahead');
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social', priority: 'priority' });
    const normal = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    const urgent = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social', priority: 'priority' });
    expect(normal).toMatchObject({ ok: true, ahead: 2 });
    expect(urgent).toMatchObject({ ok: true, ahead: 1 });
  });

  it('counts ahead in the calling order, ageing included: a 绿色通道 ticket waits behind aged ones', async () => {
    h = await testHall('num-ahead-ageing');
    const old = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' }); // A001, normal
    h.advance(31 * 60_000); // past ageingMinutes = 30: A001 now ranks with the most urgent
    const fresh = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' }); // A002, normal
    const urgent = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social', priority: 'priority' }); // A003
    expect(urgent).toMatchObject({ ok: true, ahead: 1 });
    const hall = h.ctx.halls.get('t1')!;
    const position = (id: string) => h!.ctx.store.position('t1', id, hall, h!.now()).then((p) => p?.ahead);
    expect(await position(old.ok ? old.ticket.id : '')).toBe(0);
    expect(await position(fresh.ok ? fresh.ticket.id : '')).toBe(2);
    // Call-next agrees: A001, then A003, then A002.
    const me = { windowId: 't1-1', staffId: 's1' };
    await signIn(h.ctx, { ...me, post: 'A' });
    const order = [];
    for (let i = 0; i < 3; i++) {
      const r = await callNext(h.ctx, me);
      order.push(r.ok && r.ticket?.number);
      await startService(h.ctx, me);
      await completeTicket(h.ctx, { ...me, outcome: 'completed' });
    }
    expect(order).toEqual(['A001', 'A003', 'A002']);
  });

  it('refuses past the daily cap, with the reason, and issues nothing', async () => {
    h = await testHall('num-cap', undefined, at('2026-11-23T09:30:00+08:00'));
    for (let i = 0; i < 3; i++) expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'tax' })).toMatchObject({ ok: true });
    const before = await h.ctx.store.lastEventId('t1');
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'tax' })).toEqual({ ok: false, reason: 'cap_reached' });
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'tax' })).toEqual({ ok: false, reason: 'cap_reached' });
    expect(await h.ctx.store.lastEventId('t1')).toBe(before);
    // The day's counter is where the last number left it, still expiring with the day.
    const counter = `${h.ctx.store.prefix('t1')}num:tax:20261123`;
    expect(await h.ctx.store.redis.get(counter)).toBe('3');
    expect(await h.ctx.store.redis.ttl(counter)).toBeGreaterThan(0);
  });

  it('refuses outside a service’s issuing hours and on days the hall does not work', async () => {
    h = await testHall('num-hours', undefined, at('2026-11-23T08:59:00+08:00'));
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'tax' })).toMatchObject({ ok: false, reason: 'outside_hours' });
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).toMatchObject({ ok: true }); // hall open 08:30
    h.at(at('2026-11-23T11:00:00+08:00')); // tax issues 09:00–11:00, end excluded
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'tax' })).toMatchObject({ ok: false, reason: 'outside_hours' });
    h.at(at('2026-11-23T17:30:00+08:00'));
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).toMatchObject({ ok: false, reason: 'outside_hours' });
    h.at(at('2026-11-22T10:00:00+08:00')); // Sunday
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).toMatchObject({ ok: false, reason: 'not_working_day' });
    h.at(at('2026-12-25T10:00:00+08:00')); // a configured holiday, a Friday
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).toMatchObject({ ok: false, reason: 'not_working_day' });
    h.at(at('2026-11-28T10:00:00+08:00')); // a working Saturday (调休)
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).toMatchObject({ ok: true });
  });

  it('follows the hall’s time zone, not the server’s', async () => {
    // 01:00 UTC is 09:00 in Shanghai: open. 20:00 UTC Sunday is 04:00 Monday there: closed hours.
    h = await testHall('num-tz', undefined, at('2026-11-23T01:00:00Z'));
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).toMatchObject({ ok: true, ticket: { id: 't1-20261123-A001' } });
    h.at(at('2026-11-22T20:00:00Z'));
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' })).toMatchObject({ ok: false, reason: 'outside_hours' });
  });

  it('restarts numbering on the next business day, across midnight', async () => {
    const { testConfig } = await import('../helpers/hall.js');
    // A round-the-clock hall, so tickets can be issued on both sides of midnight.
    const config = testConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } });
    h = await testHall('num-midnight', config, at('2026-11-23T23:59:00+08:00'));
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    const late = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    expect(late).toMatchObject({ ok: true, ticket: { number: 'A002', id: 't1-20261123-A002' } });
    h.at(at('2026-11-24T00:00:30+08:00'));
    const early = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    expect(early).toMatchObject({ ok: true, ticket: { number: 'A001', id: 't1-20261124-A001' } });
  });
});

describe('the business day', () => {
  it('sweeps still-waiting tickets at close, each with its event, once per day', async () => {
    h = await testHall('day-sweep', undefined, MONDAY_9AM);
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'land', priority: 'priority' });
    h.at(at('2026-11-23T17:30:00+08:00'));
    const swept = await sweepDay(h.ctx, { hallId: 't1' });
    expect(swept).toMatchObject({ ok: true, count: 2 });
    if (!swept.ok) return;
    expect(swept.events.map((e) => e.type)).toEqual(['ticket.cancelled', 'ticket.cancelled', 'day.swept']);
    expect(swept.events[0]).toMatchObject({ reason: 'end_of_day', ticket: { status: 'cancelled' } });
    // The job firing twice changes nothing.
    const again = await sweepDay(h.ctx, { hallId: 't1' });
    expect(again).toEqual(swept);
    const snapshot = await h.ctx.store.snapshot('t1', { windows: [], services: ['social', 'land', 'tax'], classes: ['normal', 'priority', 'appointment'] });
    expect(snapshot.waiting).toEqual([]);
  });

  it('rolls over at midnight: leftovers of the day before are swept, today’s tickets stay', async () => {
    const { testConfig } = await import('../helpers/hall.js');
    const config = testConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } });
    h = await testHall('day-roll', config, at('2026-11-23T23:58:00+08:00'));
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' }); // left over
    h.at(at('2026-11-24T00:00:10+08:00'));
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' }); // issued just after midnight
    const rolled = await rollOverDay(h.ctx, { hallId: 't1' });
    expect(rolled).toMatchObject({ ok: true, date: '20261124' });
    const snapshot = await h.ctx.store.snapshot('t1', { windows: [], services: ['social'], classes: ['normal', 'priority', 'appointment'] });
    expect(snapshot.waiting.map((t) => t.id)).toEqual(['t1-20261124-A001']);
    expect(snapshot.recentCalls).toEqual([]);
    const events = (await h.ctx.store.eventsAfter('t1', 0, 100))!;
    expect(events.filter((e) => e.type === 'ticket.cancelled').map((e) => [e.ticket?.id, e.reason])).toEqual([['t1-20261123-A001', 'previous_day']]);
    expect(events.at(-1)).toMatchObject({ type: 'day.rolledOver', date: '20261124' });
  });
});
