/**
 * Redis stays bounded across days: a business day's number counters (num:<service>:<day>) are
 * deleted at the next rollover, with a three-day TTL as the backstop for a rollover that never ran.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rollOverDay } from '../../server/commands/rollOverDay.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import type { CommandContext } from '../../server/commands/context.js';
import { testConfig, testHall, type TestHall } from '../helpers/hall.js';
import { scanPrefix } from '../../server/store/redisClient.js';

const roundTheClock = testConfig({ schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } });

let h: TestHall;
afterEach(() => h?.cleanup());

/** The hall's number counters, as key suffixes ("social:20261123"), sorted. */
async function counters(): Promise<string[]> {
  const p = `${h.ctx.store.prefix('t1')}num:`;
  return (await scanPrefix(h.ctx.store.redis, p)).map((k) => k.slice(p.length)).sort();
}
const issue = (ctx: CommandContext, serviceId: string) => issueTicket(ctx, { hallId: 't1', serviceId });

describe('number counters', () => {
  it('a week of days leaves only the current day’s counters behind', async () => {
    h = await testHall('counters-week', roundTheClock, Date.parse('2026-11-23T10:00:00+08:00'));
    const days = ['23', '24', '25', '26', '27', '28', '29'];
    for (const [i, dd] of days.entries()) {
      h.at(Date.parse(`2026-11-${dd}T10:00:00+08:00`));
      expect(await issue(h.ctx, 'social')).toMatchObject({ ok: true, ticket: { id: `t1-202611${dd}-A001` } });
      expect(await issue(h.ctx, 'land')).toMatchObject({ ok: true, ticket: { id: `t1-202611${dd}-B001` } });
      expect(await counters()).toEqual([`land:202611${dd}`, `social:202611${dd}`]);
      // The first rollover finds no `day` key yet (a fresh hall): it deletes the calendar day before.
      if (i === 0) expect(await h.ctx.store.redis.get(`${h.ctx.store.prefix('t1')}day`)).toBeNull();
      h.at(Date.parse(`2026-11-${dd}T00:00:00+08:00`) + 86_400_000);
      expect(await rollOverDay(h.ctx, { hallId: 't1' })).toMatchObject({ ok: true });
      expect(await counters()).toEqual([]);
    }
    h.at(Date.parse('2026-11-30T09:00:00+08:00'));
    await issue(h.ctx, 'social');
    expect(await counters()).toEqual(['social:20261130']);
    const ttl = await h.ctx.store.redis.ttl(`${h.ctx.store.prefix('t1')}num:social:20261130`);
    expect(ttl).toBeGreaterThan(3 * 86_400 - 60);
    expect(ttl).toBeLessThanOrEqual(3 * 86_400);
  });

  it('after a gap of days, deletes the counters of the last day the hall rolled over to', async () => {
    h = await testHall('counters-gap', roundTheClock, Date.parse('2026-11-23T00:00:00+08:00'));
    expect(await rollOverDay(h.ctx, { hallId: 't1' })).toMatchObject({ ok: true, date: '20261123' });
    h.at(Date.parse('2026-11-23T10:00:00+08:00'));
    expect(await issue(h.ctx, 'tax')).toMatchObject({ ok: true });
    expect(await counters()).toEqual(['tax:20261123']);
    // No hub ran for three nights; the hall rolls over on the 27th.
    h.at(Date.parse('2026-11-27T00:00:00+08:00'));
    expect(await rollOverDay(h.ctx, { hallId: 't1' })).toMatchObject({ ok: true, date: '20261127' });
    expect(await counters()).toEqual([]);
  });

  it('refuses a ticket for a day already rolled over (a hub whose clock lags), so no number is issued twice', async () => {
    h = await testHall('counters-lag', roundTheClock, Date.parse('2026-11-23T23:59:00+08:00'));
    expect(await issue(h.ctx, 'social')).toMatchObject({ ok: true, ticket: { id: 't1-20261123-A001' } });
    h.at(Date.parse('2026-11-24T00:00:00+08:00'));
    expect(await rollOverDay(h.ctx, { hallId: 't1' })).toMatchObject({ ok: true });
    const lagging: CommandContext = { ...h.ctx, clock: () => Date.parse('2026-11-23T23:59:59.900+08:00') };
    expect(await issue(lagging, 'social')).toEqual({ ok: false, reason: 'outside_hours' });
    expect(await counters()).toEqual([]);
    // The hall's own day numbers on.
    expect(await issue(h.ctx, 'social')).toMatchObject({ ok: true, ticket: { id: 't1-20261124-A001' } });
  });
});
