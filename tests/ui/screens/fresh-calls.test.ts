import { freshCall, HubClock } from '../../../display/lib/screens/freshCalls.js';
import type { HallEvent, WindowView } from '../../../server/protocol.js';
import { NOW, ticket, window } from './fixtures.js';

const called = { ...ticket('A001', 3), status: 'called' as const };
const window3 = <S extends WindowView['state']>(state: S) => ({ ...window(3), state });
const queues = [{ serviceId: 'social', waiting: 2 }];
const event = (type: 'ticket.called' | 'ticket.recalled', at: number): HallEvent =>
  type === 'ticket.called'
    ? { id: 50, type, at, hallId: 't1', ticket: called, window: window3('called'), staffId: 's3', queues }
    : { id: 50, type, at, hallId: 't1', ticket: called, window: window3('called'), staffId: 's3' };

describe('which calls a hall screen says aloud', () => {
  it('says a call and a recall that just happened', () => {
    expect(freshCall(event('ticket.called', NOW - 200), NOW)).toEqual({ number: 'A001', window: 3 });
    expect(freshCall(event('ticket.recalled', NOW - 200), NOW)).toEqual({ number: 'A001', window: 3 });
  });

  it('says nothing for other events', () => {
    const others: HallEvent[] = [
      { id: 50, type: 'ticket.issued', at: NOW, hallId: 't1', ticket: { ...called, status: 'waiting' }, queues },
      { id: 50, type: 'ticket.started', at: NOW, hallId: 't1', ticket: { ...called, status: 'serving' }, window: window3('serving'), staffId: 's3' },
      { id: 50, type: 'ticket.completed', at: NOW, hallId: 't1', ticket: { ...called, status: 'done' }, window: window3('idle'), staffId: 's3' },
      { id: 50, type: 'ticket.noShow', at: NOW, hallId: 't1', ticket: { ...called, status: 'missed' }, window: window3('idle'), staffId: 's3', queues },
      { id: 50, type: 'staff.away', at: NOW, hallId: 't1', window: window3('paused'), staffId: 's3', reason: 'meal' },
    ];
    for (const e of others) expect(freshCall(e, NOW)).toBeNull();
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
