/**
 * The cut of each kind of event for each view (server/realtime/projections.ts, audience.ts),
 * on events written out by hand as the scripts write them; expectations worked out from what
 * each screen draws (display/hall, display/window, display/kiosk, display/track).
 */
import { describe, expect, it } from 'vitest';
import { parseHallEvent } from '../../server/events.js';
import type { HallEvent, TicketView, WindowView } from '../../server/protocol.js';
import { cutFor, deliveries, viewRoom, windowRoom, ticketRoom, serviceRoom } from '../../server/realtime/audience.js';
import { boardEvent, countsEvent, ticketEvent, windowEvent } from '../../server/realtime/projections.js';
import { viewSchemas } from '../../server/views.js';

const AT = 1_795_400_000_000;
const ticket = (fields: Partial<TicketView> & Pick<TicketView, 'status'>): TicketView => ({
  id: 't1-20261123-A001', number: 'A001', serviceId: 'social', priority: 'normal', issuedAt: AT - 60_000, recalls: 0, noShows: 0, transfers: 0, ...fields,
});
const win = (fields: Partial<WindowView> & Pick<WindowView, 'state'>): WindowView => ({ id: 't1-1', number: 1, postA: 's1', onDuty: 's1', covering: false, ...fields });
const calledAt1 = { windowId: 't1-1', windowNumber: 1, staffId: 's1', firstResponder: 's1', calledAt: AT };
// Each event goes through the strict schema first: the fixtures are what the scripts write.
const ev = (raw: object): HallEvent => parseHallEvent({ at: AT, hallId: 't1', ...raw });

const called = ev({ id: 7, type: 'ticket.called', ticket: ticket({ status: 'called', ...calledAt1 }), window: win({ state: 'called', ticketId: 't1-20261123-A001', ticketNumber: 'A001' }), staffId: 's1', queues: [{ serviceId: 'social', waiting: 4 }] });
const started = ev({ id: 8, type: 'ticket.started', ticket: ticket({ status: 'serving', ...calledAt1, startedAt: AT }), window: win({ state: 'serving', ticketId: 't1-20261123-A001', ticketNumber: 'A001' }), staffId: 's1' });
const rated = ev({ id: 9, type: 'ticket.rated', ticket: ticket({ status: 'done', ...calledAt1, startedAt: AT, finishedAt: AT, outcome: 'completed' }), staffId: 's1', rating: { ticketId: 't1-20261123-A001', ticketNumber: 'A001', serviceId: 'social', windowId: 't1-1', windowNumber: 1, staffId: 's1', firstResponder: 's1', level: 2, reasons: ['态度不好'], channel: 'pad' } });
const transferred = ev({ id: 10, type: 'ticket.transferred', ticket: ticket({ status: 'waiting', ...calledAt1, transfers: 1, transferTo: 't1-2' }), window: win({ state: 'idle' }), staffId: 's1', queues: [{ serviceId: 'social', waiting: 4 }] });
const alert = ev({ id: 11, type: 'alert.raised', alertId: 'a1', kind: 'away_uncovered', windowId: 't1-1', staffId: 's1', since: AT });
const rolled = ev({ id: 12, type: 'day.rolledOver', date: '20261124' });
const away = ev({ id: 13, type: 'staff.away', window: win({ state: 'paused', awayA: 'meal', pauseReason: 'meal' }), staffId: 's1', reason: 'meal' });

describe('a hall screen’s cut (board)', () => {
  it('keeps of a call the number, the window and the counts', () => {
    expect(boardEvent(called)).toEqual({ id: 7, type: 'ticket.called', at: AT, ticket: { id: 't1-20261123-A001', number: 'A001' }, window: { id: 't1-1', number: 1, state: 'called', ticketNumber: 'A001' }, queues: [{ serviceId: 'social', waiting: 4 }] });
  });

  it('keeps of a start only the window’s new state, of a pause the state without its staffer', () => {
    expect(boardEvent(started)).toEqual({ id: 8, type: 'ticket.started', at: AT, window: { id: 't1-1', number: 1, state: 'serving', ticketNumber: 'A001' } });
    expect(boardEvent(away)).toEqual({ id: 13, type: 'staff.away', at: AT, window: { id: 't1-1', number: 1, state: 'paused' } });
  });

  it('keeps of a transfer the freed window and the counts, not the ticket', () => {
    expect(boardEvent(transferred)).toEqual({ id: 10, type: 'ticket.transferred', at: AT, window: { id: 't1-1', number: 1, state: 'idle' }, queues: [{ serviceId: 'social', waiting: 4 }] });
  });

  it('sends nothing of a rating or an alert, and the new day of a rollover', () => {
    expect(boardEvent(rated)).toBeNull();
    expect(boardEvent(alert)).toBeNull();
    expect(boardEvent(rolled)).toEqual({ id: 12, type: 'day.rolledOver', at: AT, date: '20261124' });
  });
});

describe('a kiosk’s cut (counts)', () => {
  it('keeps only counts and the new day', () => {
    expect(countsEvent(called)).toEqual({ id: 7, type: 'ticket.called', at: AT, queues: [{ serviceId: 'social', waiting: 4 }] });
    expect(countsEvent(started)).toBeNull();
    expect(countsEvent(rolled)).toEqual({ id: 12, type: 'day.rolledOver', at: AT, date: '20261124' });
  });
});

describe('a window screen’s and pad’s cut (window)', () => {
  it('keeps its own window whole and its ticket’s number', () => {
    expect(windowEvent(away, 't1-1')).toEqual({ id: 13, type: 'staff.away', at: AT, window: win({ state: 'paused', awayA: 'meal', pauseReason: 'meal' }) });
    expect(windowEvent(rated, 't1-1')).toEqual({ id: 9, type: 'ticket.rated', at: AT, ticket: { id: 't1-20261123-A001', number: 'A001', windowId: 't1-1', windowNumber: 1 } });
  });

  it('gives the window a ticket is transferred to nothing of the window it left', () => {
    expect(windowEvent(transferred, 't1-2')).toBeNull();
    expect(windowEvent(called, 't1-2')).toBeNull();
  });
});

describe('a phone’s cut (ticket)', () => {
  it('keeps which ticket, nothing more', () => {
    expect(ticketEvent(called)).toEqual({ id: 7, type: 'ticket.called', at: AT, ticket: { id: 't1-20261123-A001' } });
  });
});

describe('who gets which cut', () => {
  it('sends each room its cut once: the counter whole, the board, the kiosk, the window, the phones', () => {
    const sent = deliveries(called);
    expect(sent.map((d) => d.rooms)).toEqual([
      [viewRoom('t1', 'full')],
      [viewRoom('t1', 'board')],
      [viewRoom('t1', 'counts')],
      [windowRoom('t1-1')],
      [ticketRoom('t1-20261123-A001'), serviceRoom('t1', 'social')],
    ]);
    expect(sent[0]!.payload).toBe(called);
    // Every cut is what its view's strict schema allows.
    const schemas = [null, viewSchemas.board.event, viewSchemas.counts.event, viewSchemas.window.event, viewSchemas.ticket.event];
    sent.forEach((d, i) => schemas[i] && expect(() => schemas[i]!.parse(d.payload)).not.toThrow());
  });

  it('cuts only for the rooms someone follows here', () => {
    const followed = new Set([windowRoom('t1-1'), serviceRoom('t1', 'social')]);
    const sent = deliveries(called, (room) => followed.has(room));
    expect(sent.map((d) => d.rooms)).toEqual([[windowRoom('t1-1')], [ticketRoom('t1-20261123-A001'), serviceRoom('t1', 'social')]]);
    expect(sent.map((d) => d.payload)).toEqual([windowEvent(called, 't1-1'), ticketEvent(called)]);
    expect(deliveries(called, () => false)).toEqual([]);
    // A view that shows nothing of the event gets nothing, followed or not: a window the ticket never touched.
    expect(deliveries(called, (room) => room === windowRoom('t1-2'))).toEqual([]);
  });

  it('sends a catch-up the same cut as live, for every scope', () => {
    const events = [called, started, rated, transferred, alert, rolled, away];
    const scopes = [
      { kind: 'hall', hallId: 't1', view: 'board' },
      { kind: 'hall', hallId: 't1', view: 'counts' },
      { kind: 'hall', hallId: 't1', view: 'full' },
      { kind: 'window', hallId: 't1', windowId: 't1-1' },
      { kind: 'window', hallId: 't1', windowId: 't1-2' },
      { kind: 'ticket', hallId: 't1', ticketId: 't1-20261123-A001', serviceId: 'social' },
    ] as const;
    const rooms = { board: viewRoom('t1', 'board'), counts: viewRoom('t1', 'counts'), full: viewRoom('t1', 'full') };
    for (const scope of scopes) {
      const mine = scope.kind === 'hall' ? [rooms[scope.view]] : scope.kind === 'window' ? [windowRoom(scope.windowId)] : [ticketRoom(scope.ticketId), serviceRoom('t1', scope.serviceId)];
      for (const e of events) {
        const live = deliveries(e).find((d) => d.rooms.some((r) => mine.includes(r)))?.payload ?? null;
        expect(cutFor(scope, e), `${JSON.stringify(scope)} ${e.type}`).toEqual(live);
      }
    }
  });
});
