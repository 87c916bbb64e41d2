/** Screens keep their view's state current from their view's events (display/lib/hallState.ts). */
import { applyBoardEvent, applyCountsEvent, applyWindowEvent } from '../../../display/lib/hallState.js';
import { boardSnapshot, boardWindow, call, NOW, window, windowSnapshot } from './fixtures.js';

describe('a hall screen’s board', () => {
  it('puts a call at the head of the recent calls with the window that made it, and shows the window calling', () => {
    const next = applyBoardEvent(boardSnapshot(), { id: 43, type: 'ticket.called', at: NOW, ticket: { id: 't1-20261123-A004', number: 'A004' }, window: boardWindow(1, 'called', 'A004'), queues: [{ serviceId: 'social', waiting: 6 }] });
    expect(next.lastEventId).toBe(43);
    expect(next.recentCalls.slice(0, 2)).toEqual([call('A004', 1), call('A003', 1)]);
    expect(next.windows.find((w) => w.id === 't1-1')).toEqual({ id: 't1-1', number: 1, state: 'called', ticketNumber: 'A004' });
    expect(next.queues).toEqual([{ serviceId: 'social', waiting: 6 }, { serviceId: 'land', waiting: 3 }, { serviceId: 'agri', waiting: 0 }]);
  });

  it('moves a recalled ticket back to the head, once', () => {
    const next = applyBoardEvent(boardSnapshot(), { id: 43, type: 'ticket.recalled', at: NOW, ticket: { id: 't1-20261123-B002', number: 'B002' }, window: boardWindow(2, 'called', 'B002') });
    expect(next.recentCalls.map((c) => c.number)).toEqual(['B002', 'A003', 'A002', 'D001']);
  });

  it('starts a new day with no calls', () => {
    const next = applyBoardEvent(boardSnapshot(), { id: 43, type: 'day.rolledOver', at: NOW, date: '20261124' });
    expect(next).toMatchObject({ recentCalls: [], date: '20261124', lastEventId: 43 });
  });
});

describe('a kiosk’s counts and a window screen’s window', () => {
  it('updates only the counts an event names', () => {
    const next = applyCountsEvent({ view: 'counts', hallId: 't1', lastEventId: 5, date: '20261123', queues: [{ serviceId: 'social', waiting: 1 }, { serviceId: 'land', waiting: 2 }] }, { id: 6, type: 'ticket.issued', at: NOW, queues: [{ serviceId: 'land', waiting: 3 }] });
    expect(next.queues).toEqual([{ serviceId: 'social', waiting: 1 }, { serviceId: 'land', waiting: 3 }]);
  });

  it('takes its own window’s new state and keeps it across a ticket-only event', () => {
    const paused = window(1, { state: 'paused', postA: 's1', awayA: 'meal', pauseReason: 'meal' });
    const a = applyWindowEvent(windowSnapshot(window(1, { postA: 's1', onDuty: 's1' })), { id: 43, type: 'staff.away', at: NOW, window: paused });
    expect(a.window).toEqual(paused);
    const b = applyWindowEvent(a, { id: 44, type: 'ticket.rated', at: NOW, ticket: { id: 'x', number: 'A001', windowId: 't1-1', windowNumber: 1 } });
    expect(b).toMatchObject({ lastEventId: 44, window: paused });
  });
});
