import { freshCall, HubClock } from '../../../display/lib/screens/freshCalls.js';
import type { HallEvent, HallEventType } from '../../../server/protocol.js';
import { NOW, ticket } from './fixtures.js';

const event = (type: HallEventType, at: number, id = 50): HallEvent => ({ id, type, at, hallId: 't1', ticket: ticket('A001', 3) });

describe('which calls a hall screen says aloud', () => {
  it('says a call and a recall that just happened', () => {
    expect(freshCall(event('ticket.called', NOW - 200), NOW)).toEqual({ number: 'A001', window: 3 });
    expect(freshCall(event('ticket.recalled', NOW - 200), NOW)).toEqual({ number: 'A001', window: 3 });
  });

  it('says nothing for other events', () => {
    for (const type of ['ticket.issued', 'ticket.started', 'ticket.completed', 'ticket.noShow', 'staff.away'] as const) {
      expect(freshCall(event(type, NOW), NOW)).toBeNull();
    }
  });

  it('still says a call a reconnect caught up on within the minute', () => {
    expect(freshCall(event('ticket.called', NOW - 40_000), NOW)).not.toBeNull();
  });

  it('does not repeat a call older than a minute that a reconnect caught up on', () => {
    expect(freshCall(event('ticket.called', NOW - 61_000), NOW)).toBeNull();
    expect(freshCall(event('ticket.recalled', NOW - 30 * 60_000), NOW)).toBeNull();
  });
});

describe("the hub's clock seen from a screen", () => {
  it('corrects a screen clock that is ten minutes slow, so live calls are not taken for old ones', () => {
    let local = NOW - 10 * 60_000;
    const clock = new HubClock(() => local);
    clock.learnFromDateHeader(new Date(NOW).toUTCString(), local);
    expect(Math.abs(clock.now() - NOW)).toBeLessThan(1500);
    local += 5000;
    expect(freshCall(event('ticket.called', NOW + 4900), clock.now())).not.toBeNull();
  });

  it('corrects a screen clock that is fast, so old calls are not taken for new ones', () => {
    const local = NOW + 10 * 60_000;
    const clock = new HubClock(() => local);
    clock.learnFromDateHeader(new Date(NOW).toUTCString(), local);
    expect(freshCall(event('ticket.called', NOW - 2 * 60_000), clock.now())).toBeNull();
  });

  it('moves forward when a live event shows the hub is ahead of the estimate', () => {
    const clock = new HubClock(() => NOW);
    clock.learnFromEvent(NOW + 30_000);
    expect(clock.now()).toBe(NOW + 30_000);
    clock.learnFromEvent(NOW); // an older event says nothing new
    expect(clock.now()).toBe(NOW + 30_000);
  });

  it('ignores a missing or unreadable Date header', () => {
    const clock = new HubClock(() => NOW);
    clock.learnFromDateHeader(null);
    clock.learnFromDateHeader('yesterday-ish');
    expect(clock.now()).toBe(NOW);
  });
});
