/**
 * Each view's snapshot of a hall, read once and shared by every client that connects while no
 * event passes: after a hub restart 2,000 screens ask at once, and a hall's 180 screens take one
 * Redis read and one cut, not 180. Only counters and managers' pages (view full) read the
 * waiting tickets; the other views read the hall without them.
 *
 * Freshness: a snapshot is handed out only when it includes every event this hub has delivered
 * (its lastEventId ≥ the relay's position for the hall). The client is in its rooms before it
 * asks, so whatever is delivered after that reaches it live: nothing falls between the two.
 * An event therefore invalidates the cached snapshots of its hall; the next client reads again.
 */
import type { CommandContext } from '../commands/context.js';
import type { FullSnapshot, SnapshotOf, ViewKind } from '../protocol.js';
import { viewOf, type Scope } from './audience.js';
import { boardSnapshotOf, countsSnapshotOf, ticketSnapshotOf, windowSnapshotOf, type HallState } from './projections.js';

/** Reads that came back older than the relay's position before one is handed out anyway (a Redis that lost its log). */
const STALE_READS = 3;

type Depth = 'full' | 'light';

interface Read<S> {
  state: S;
  /** Cuts made of this read, by view (and window/ticket): each made once. */
  cuts: Map<string, unknown>;
}

export class SnapshotCache {
  private readonly reads = new Map<string, Read<HallState>>();
  private readonly flights = new Map<string, Promise<Read<HallState>>>();
  /** Redis reads made (tests and the bench count them). */
  readsMade = 0;

  constructor(
    private readonly ctx: CommandContext,
    /** The last event id the hub delivered for a hall (the relay's position). */
    private readonly delivered: (hallId: string) => number,
  ) {}

  /** The snapshot a client of this scope starts from; the same object for every client of the view while it is current. */
  async of<S extends Scope>(scope: S): Promise<SnapshotOf<ViewKind>> {
    const view = viewOf(scope);
    const read = await this.current(scope.hallId, view === 'full' ? 'full' : 'light');
    const key = scope.kind === 'window' ? `window:${scope.windowId}` : scope.kind === 'ticket' ? `ticket:${scope.ticketId}` : view;
    let cut = read.cuts.get(key) as SnapshotOf<ViewKind> | undefined;
    if (!cut) {
      cut = cutOf(scope, read.state);
      // A phone's snapshot is its own: not worth keeping for the next one.
      if (scope.kind !== 'ticket') read.cuts.set(key, cut);
    }
    return cut;
  }

  /** The hall's log began again (Redis lost it): nothing cached of it holds. */
  forget(hallId: string): void {
    for (const depth of ['full', 'light'] as const) this.reads.delete(`${depth}:${hallId}`);
  }

  private async current(hallId: string, depth: Depth): Promise<Read<HallState>> {
    const key = `${depth}:${hallId}`;
    let read: Read<HallState> | undefined = this.reads.get(key);
    const day = this.ctx.halls.get(hallId)?.businessDay(this.ctx.clock());
    for (let tries = 0; !read || read.state.lastEventId < this.delivered(hallId) || read.state.date !== day; tries++) {
      if (read && tries > STALE_READS) break;
      read = await this.fly(key, hallId, depth);
    }
    return read;
  }

  /** One read of a hall at a time per depth; whoever asks meanwhile shares it. */
  private fly(key: string, hallId: string, depth: Depth): Promise<Read<HallState>> {
    const flying = this.flights.get(key);
    if (flying) return flying;
    const hall = this.ctx.halls.get(hallId);
    if (!hall) return Promise.reject(new Error(`no such hall: ${hallId}`));
    this.readsMade++;
    const flight = this.ctx.store
      .snapshot(hall.id, { windows: hall.windowIds(), services: hall.serviceIds(), classes: hall.classes, ...(depth === 'light' ? { waiting: false } : {}) })
      .then((s): Read<HallState> => {
        const state: HallState = { ...s, date: hall.businessDay(this.ctx.clock()) };
        if (depth === 'light') delete state.waiting;
        const read = { state, cuts: new Map<string, unknown>() };
        const kept = this.reads.get(key);
        if (!kept || kept.state.lastEventId <= state.lastEventId) this.reads.set(key, read);
        return read;
      })
      .finally(() => this.flights.delete(key));
    this.flights.set(key, flight);
    return flight;
  }
}

function cutOf(scope: Scope, state: HallState): SnapshotOf<ViewKind> {
  switch (scope.kind) {
    case 'window':
      return windowSnapshotOf(state, scope.windowId);
    case 'ticket':
      return ticketSnapshotOf(state, scope.ticketId);
    case 'hall':
      if (scope.view === 'board') return boardSnapshotOf(state);
      if (scope.view === 'counts') return countsSnapshotOf(state);
      return { view: 'full', ...state, waiting: state.waiting ?? [] } satisfies FullSnapshot;
  }
}
