import { describe, expect, it } from 'vitest';
import { dutyIntervals, foldTicket, ticketFacts } from '../../server/domain/facts.js';
import type { HallEvent, TicketView, WindowView } from '../../server/protocol.js';

// Events written by hand, as the scripts would emit them: the folds are checked against the rule,
// not against the scripts (tests/archive does that end to end).
const T = Date.parse('2026-11-23T09:00:00+08:00');
const s = (seconds: number) => T + seconds * 1000;
const ticket = (over: Partial<TicketView>): TicketView => ({ id: 't1-20261123-A001', number: 'A001', serviceId: 'social', priority: 'normal', status: 'waiting', issuedAt: s(0), recalls: 0, noShows: 0, transfers: 0, ...over });
const win = (over: Partial<WindowView>): WindowView => ({ id: 't1-1', number: 1, state: 'idle', covering: false, ...over });
let id = 0;
const ev = (e: Record<string, unknown>) => ({ id: ++id, hallId: 't1', ...e }) as unknown as HallEvent;
const queues = [{ serviceId: 'social', waiting: 0 }];
const day = () => '20261123';

describe('a ticket’s fact', () => {
  it('sums handling over every window that served it and keeps the wait to the first call', () => {
    id = 0;
    const atW1 = { windowId: 't1-1', windowNumber: 1, staffId: 's1', firstResponder: 's1' };
    const events = [
      ev({ type: 'ticket.issued', at: s(0), ticket: ticket({}), queues, channel: 'kiosk' }),
      ev({ type: 'ticket.called', at: s(90), ticket: ticket({ status: 'called', calledAt: s(90), ...atW1 }), window: win({ state: 'called' }), staffId: 's1', queues }),
      ev({ type: 'ticket.started', at: s(120), ticket: ticket({ status: 'serving', calledAt: s(90), startedAt: s(120), ...atW1 }), window: win({ state: 'serving' }), staffId: 's1' }),
      // 200 s at window 1, then on to the land service
      ev({ type: 'ticket.transferred', at: s(320), ticket: ticket({ serviceId: 'land', transferTo: 'land', transfers: 1, firstResponder: 's1' }), window: win({}), staffId: 's1', queues }),
      ev({ type: 'ticket.called', at: s(400), ticket: ticket({ serviceId: 'land', status: 'called', calledAt: s(400), windowId: 't1-2', windowNumber: 2, staffId: 's2', firstResponder: 's1', transfers: 1 }), window: win({ id: 't1-2', number: 2, state: 'called' }), staffId: 's2', queues }),
      ev({ type: 'ticket.started', at: s(410), ticket: ticket({ serviceId: 'land', status: 'serving', calledAt: s(400), startedAt: s(410), windowId: 't1-2', windowNumber: 2, staffId: 's2', firstResponder: 's1', transfers: 1 }), window: win({ id: 't1-2', number: 2, state: 'serving' }), staffId: 's2' }),
      // 50 s at window 2
      ev({ type: 'ticket.completed', at: s(460), ticket: ticket({ serviceId: 'land', status: 'done', outcome: 'notice', calledAt: s(400), startedAt: s(410), finishedAt: s(460), windowId: 't1-2', windowNumber: 2, staffId: 's2', firstResponder: 's1', transfers: 1 }), window: win({ id: 't1-2', number: 2 }), staffId: 's2' }),
    ];
    const f = ticketFacts(events).get('t1-20261123-A001')!;
    expect(f).toMatchObject({
      day: '20261123', channel: 'kiosk', serviceAtIssue: 'social', service: 'land', status: 'done', outcome: 'notice',
      waitSeconds: 90, handlingSeconds: 250, firstCalledAt: s(90), lastCalledAt: s(400), finishedAt: s(460),
      windowId: 't1-2', staffId: 's2', firstResponder: 's1', transfers: 1,
      transferPath: [{ at: s(320), fromWindowId: 't1-1', staffId: 's1', toServiceId: 'land' }],
    });
    // An event folded a second time changes nothing.
    expect(foldTicket(f, events[4]!)).toBe(f);
  });

  it('counts a missed ticket as finished, and a re-queued one as waiting at its new place', () => {
    id = 0;
    const issued = ev({ type: 'ticket.issued', at: s(0), ticket: ticket({}), queues });
    const called = ev({ type: 'ticket.called', at: s(60), ticket: ticket({ status: 'called', calledAt: s(60), windowId: 't1-1', windowNumber: 1, staffId: 's1', firstResponder: 's1' }), window: win({ state: 'called' }), staffId: 's1', queues });
    const requeued = ev({ type: 'ticket.noShow', at: s(120), ticket: { ...ticket({ noShows: 1, firstResponder: 's1', calledAt: s(60) }), queuedAt: s(30) + 0.5 }, window: win({}), staffId: 's1', queues });
    const f = ticketFacts([issued, called, requeued]).get('t1-20261123-A001')!;
    expect(f).toMatchObject({ status: 'waiting', queuedAt: s(30) + 0.5, noShows: 1 });
    expect(f.view).not.toHaveProperty('queuedAt');
    const missed = ev({ type: 'ticket.noShow', at: s(300), ticket: ticket({ status: 'missed', noShows: 2, finishedAt: s(300), firstResponder: 's1', calledAt: s(240) }), window: win({}), staffId: 's1', queues });
    expect(foldTicket(f, missed)).toMatchObject({ status: 'missed', finishedAt: s(300), queuedAt: undefined });
  });
});

describe('duty intervals', () => {
  it('read a B post covering a window whose A post never came, and the day’s end closing all', () => {
    id = 0;
    const events = [
      ev({ type: 'staff.signedIn', at: s(0), window: win({ postB: 's2', onDuty: 's2', covering: true }), staffId: 's2', reason: 'B' }),
      ev({ type: 'staff.away', at: s(600), window: win({ state: 'paused', postB: 's2', awayB: 'meal', pauseReason: 'meal', covering: false }), staffId: 's2', reason: 'meal' }),
      ev({ type: 'staff.back', at: s(1200), window: win({ postB: 's2', onDuty: 's2', covering: true }), staffId: 's2' }),
      ev({ type: 'staff.signedOut', at: s(3600), window: win({ state: 'closed' }), staffId: 's2', reason: 'end_of_day', date: '20261123' }),
      ev({ type: 'window.closed', at: s(3600), window: win({ state: 'closed' }), staffId: 'system', reason: 'end_of_day', date: '20261123' }),
    ];
    const rows = dutyIntervals(events, day).map((i) => [i.kind, i.staffId, i.post, i.reason, i.coveringFor, i.startAt - T, (i.endAt ?? 0) - T, i.endCause]);
    expect(rows).toEqual([
      ['duty', 's2', 'B', undefined, undefined, 0, 3_600_000, 'end_of_day'],
      ['cover', 's2', 'B', undefined, undefined, 0, 600_000, 'staff.away'],
      ['away', 's2', 'B', 'meal', undefined, 600_000, 1_200_000, 'staff.back'],
      ['cover', 's2', 'B', undefined, undefined, 1_200_000, 3_600_000, 'end_of_day'],
    ]);
  });
});
