/**
 * The desk's roster (who is posted, present, away, on leave) is recomputed at every presence change
 * and each minute. It needs the hall's windows, not the tickets waiting in its queues, which a busy
 * hall holds by the thousand: its read of the hall leaves them out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { DeskDays } from '../../server/deskDays.js';
import type { HallStore } from '../../server/store/hallStore.js';
import { testHall, type TestHall } from '../helpers/hall.js';

let h: TestHall;
let desk: DeskDays | undefined;
beforeEach(async () => {
  h = await testHall('desk-roster');
});
afterEach(async () => {
  desk?.stop();
  await h.cleanup();
});

describe('desk roster', () => {
  it('reads the hall without its waiting tickets, and still sees every window', async () => {
    const hallId = h.ctx.halls.all()[0]!.id;
    for (let i = 0; i < 3; i++) await issueTicket(h.ctx, { hallId, serviceId: 'social' });
    // The real store, its snapshot reads recorded on the way through.
    const store = h.ctx.store as HallStore;
    const reads: { waiting?: boolean; windows: number; waitingTickets: number }[] = [];
    const snapshot = store.snapshot.bind(store);
    store.snapshot = async (id, layout) => {
      const s = await snapshot(id, layout);
      reads.push({ waiting: layout.waiting, windows: s.windows.length, waitingTickets: s.waiting.length });
      return s;
    };
    desk = new DeskDays({ ctx: h.ctx, printers: async () => [], rosterChanged: () => {} });
    await desk.start(); // the roster's first computation
    await desk.refreshRoster(hallId);
    expect(reads).toHaveLength(2);
    // The test hall's three windows (tests/helpers/hall.ts), none of the three tickets.
    for (const r of reads) expect(r).toEqual({ waiting: false, windows: 3, waitingTickets: 0 });
  });
});
