/**
 * Which events a hall screen says aloud and flashes: calls and recalls that are news.
 *
 * The feed hands over every event it applies, including those a reconnect catches up on. A call
 * made while the screen was briefly away is still worth saying (the citizen may be waiting for
 * it), but one older than a minute is not: by then the window has called again or moved on, and a
 * screen back from a long outage must not recite the morning. Age is measured on the hub's clock
 * (event.at), so a screen whose own clock is wrong neither drops live calls nor repeats old ones.
 */
import type { HallEventType } from '../../../server/protocol.js';
import type { CallToAnnounce } from '../voice/index.js';

export const freshCallMaxAgeMs = 60_000;

/** The hub's clock as seen from this device: an offset learnt from the HTTP Date header and events. */
export class HubClock {
  private offset = 0;

  constructor(private readonly localNow: () => number = Date.now) {}

  /** From a response's Date header (1 s resolution: plenty for a one-minute rule). */
  learnFromDateHeader(header: string | null, receivedAt = this.localNow()): void {
    const at = header ? Date.parse(header) : NaN;
    if (Number.isFinite(at)) this.offset = at + 500 - receivedAt;
  }

  /** A live event happened on the hub no later than now: the hub's clock is at least there. */
  learnFromEvent(eventAt: number): void {
    const local = this.localNow();
    if (eventAt > local + this.offset) this.offset = eventAt - local;
  }

  now(): number {
    return this.localNow() + this.offset;
  }
}

/** What a call needs of an event, in any view that sees it (the whole event, a hall screen's, a window screen's). */
export interface CallLike {
  type: HallEventType;
  at: number;
  ticket?: { number: string; windowNumber?: number };
  window?: { number: number };
}

/** The call to say for an event, or null when it is not a call, or too old to be news. */
export function freshCall(event: CallLike, hubNow: number, maxAgeMs = freshCallMaxAgeMs): CallToAnnounce | null {
  if (event.type !== 'ticket.called' && event.type !== 'ticket.recalled') return null;
  const t = event.ticket;
  const windowNumber = t?.windowNumber ?? event.window?.number;
  if (!t || windowNumber === undefined) return null;
  if (hubNow - event.at > maxAgeMs) return null;
  return { number: t.number, window: windowNumber };
}
