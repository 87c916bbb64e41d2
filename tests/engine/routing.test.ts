import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { signIn } from '../../server/commands/signIn.js';
import { startService } from '../../server/commands/startService.js';
import { transferTicket } from '../../server/commands/transferTicket.js';
import type { PriorityClass } from '../../server/config.js';
import { testHall, type TestHall } from '../helpers/hall.js';

let h: TestHall;
beforeEach(async () => {
  h = await testHall('routing');
  await signIn(h.ctx, { windowId: 't1-1', staffId: 's1', post: 'A' });
  await signIn(h.ctx, { windowId: 't1-2', staffId: 's2', post: 'A' });
});
afterEach(() => h.cleanup());

async function issue(serviceId: string, priority: PriorityClass = 'normal'): Promise<string> {
  h.advance(1000);
  const r = await issueTicket(h.ctx, { hallId: 't1', serviceId, priority });
  if (!r.ok) throw new Error(r.reason);
  return r.ticket.number;
}

/** Call at a window and finish the ticket, returning its number (or null when nobody waits). */
async function serveNext(windowId = 't1-1', staffId = 's1'): Promise<string | null> {
  h.advance(1000);
  const r = await callNext(h.ctx, { windowId, staffId });
  if (!r.ok) throw new Error(r.reason);
  if (!r.ticket) return null;
  await startService(h.ctx, { windowId, staffId });
  await completeTicket(h.ctx, { windowId, staffId, outcome: 'completed' });
  return r.ticket.number;
}

describe('call-next routing', () => {
  it('serves the longest wait first within a class', async () => {
    await issue('social');
    await issue('social');
    await issue('social');
    expect([await serveNext(), await serveNext(), await serveNext()]).toEqual(['A001', 'A002', 'A003']);
  });

  it('calls priority class before appointment before normal', async () => {
    await issue('social', 'normal');
    await issue('social', 'appointment');
    await issue('social', 'priority');
    expect([await serveNext(), await serveNext(), await serveNext()]).toEqual(['A003', 'A002', 'A001']);
  });

  it('serves a lower tier only when the tiers above are empty', async () => {
    await issue('land'); // B001: window 1's second tier
    await issue('social'); // A001: window 1's first tier
    expect(await serveNext()).toBe('A001');
    expect(await serveNext()).toBe('B001');
    expect(await serveNext()).toBe(null);
  });

  it('never calls a service a window does not serve', async () => {
    await issue('tax');
    expect(await serveNext()).toBe(null);
  });

  it('ages a long-waiting normal ticket so a stream of priority tickets cannot starve it', async () => {
    await issue('social', 'normal'); // A001
    h.advance(31 * 60_000); // past ageingMinutes = 30
    await issue('social', 'priority'); // A002
    await issue('social', 'priority'); // A003
    expect(await serveNext()).toBe('A001');
    expect(await serveNext()).toBe('A002');
  });

  it('keeps priority ahead of a normal ticket that has not aged yet', async () => {
    await issue('social', 'normal');
    h.advance(10 * 60_000);
    await issue('social', 'priority');
    expect(await serveNext()).toBe('A002');
  });

  it('gives a transferred ticket to its target window before any new arrival', async () => {
    await issue('social'); // A001
    await issue('land'); // B001 waits for window 2
    h.advance(1000);
    await callNext(h.ctx, { windowId: 't1-1', staffId: 's1' });
    await startService(h.ctx, { windowId: 't1-1', staffId: 's1' });
    await transferTicket(h.ctx, { windowId: 't1-1', staffId: 's1', toWindowId: 't1-2' });
    await issue('land', 'priority'); // even a priority arrival comes after the transfer
    expect(await serveNext('t1-2', 's2')).toBe('A001');
    expect(await serveNext('t1-2', 's2')).toBe('B002');
    expect(await serveNext('t1-2', 's2')).toBe('B001');
  });

  it('puts a ticket transferred to a service ahead of that service’s queue, at any window serving it', async () => {
    await issue('land'); // B001
    await issue('social'); // A001
    await serveNext(); // A001 at window 1
    h.advance(1000);
    await issue('social'); // A002
    await callNext(h.ctx, { windowId: 't1-1', staffId: 's1' });
    await startService(h.ctx, { windowId: 't1-1', staffId: 's1' });
    const moved = await transferTicket(h.ctx, { windowId: 't1-1', staffId: 's1', toServiceId: 'land' });
    expect(moved).toMatchObject({ ok: true, ticket: { number: 'A002', serviceId: 'land', transferTo: 'land' } });
    expect(await serveNext('t1-2', 's2')).toBe('A002');
    expect(await serveNext('t1-2', 's2')).toBe('B001');
  });

  it('honours a hall’s own class order', async () => {
    const { testConfig } = await import('../helpers/hall.js');
    const config = testConfig({ rules: { classOrder: ['appointment', 'priority', 'normal'] } });
    const other = await testHall('routing-order', config);
    try {
      await signIn(other.ctx, { windowId: 't1-1', staffId: 's1', post: 'A' });
      for (const priority of ['normal', 'priority', 'appointment'] as const) {
        other.advance(1000);
        await issueTicket(other.ctx, { hallId: 't1', serviceId: 'social', priority });
      }
      const r = await callNext(other.ctx, { windowId: 't1-1', staffId: 's1' });
      expect(r).toMatchObject({ ok: true, ticket: { number: 'A003', priority: 'appointment' } });
    } finally {
      await other.cleanup();
    }
  });
});
