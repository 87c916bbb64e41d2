/**
 * The hub's wait-estimate extension: keeps each hall's load (server/domain/estimate.ts) current
 * from the event relay, so the citizen's `GET /api/tickets/:id` answers its estimate from memory
 * — no Redis read beyond the position it already makes.
 *
 * At start (and when a hall's log begins again) it takes the hall's snapshot, and reads back the
 * hall's recent events for the last handling times of each service. Every hub keeps its own copy
 * from the same events, so any hub answers the same.
 */
import type { CommandContext } from './commands/context.js';
import { HallLoad, RECENT_HANDLINGS } from './domain/estimate.js';
import type { Hall } from './domain/hall.js';
import { hallSnapshot } from './http/presenters.js';
import type { HallEvent, TicketView } from './protocol.js';
import { component } from './log.js';

/** How far back a start reads for handling times, at most. */
const PRIME_EVENTS = 5000;
const PAGE = 500;

export class WaitEstimates {
  private readonly loads = new Map<string, HallLoad>();
  /** Events that arrived while a hall was being primed: applied after, in order. */
  private readonly pending = new Map<string, HallEvent[]>();
  private readonly primedUpTo = new Map<string, number>();

  constructor(private readonly ctx: CommandContext) {}

  async start(): Promise<void> {
    await Promise.all(this.ctx.halls.all().map((h) => this.prime(h)));
  }

  /** The relay's deliver: every event of every hall, in id order. */
  observe(event: HallEvent): void {
    const waiting = this.pending.get(event.hallId);
    if (waiting) {
      waiting.push(event);
      return;
    }
    if (event.id > (this.primedUpTo.get(event.hallId) ?? 0)) this.loads.get(event.hallId)?.apply(event);
  }

  /** The relay's onReset: the hall's log began again. */
  reset(hallId: string): void {
    const hall = this.ctx.halls.get(hallId);
    if (hall) void this.prime(hall).catch((err: Error) => component('estimate').error({ hallId, err }, 'wait estimate: priming failed'));
  }

  /** TicketHooks.estimateWait. */
  readonly estimateWait = (hall: Hall, ticket: TicketView, ahead: number): number | null =>
    this.loads.get(hall.id)?.estimate(ticket, ahead, this.ctx.clock()) ?? null;

  private async prime(hall: Hall): Promise<void> {
    this.pending.set(hall.id, []);
    try {
      const load = new HallLoad(hall.config);
      const snapshot = await hallSnapshot(this.ctx, hall);
      load.reset(snapshot);
      for (const e of await this.recentCompletions(hall.id, snapshot.lastEventId)) load.learn(e);
      this.loads.set(hall.id, load);
      this.primedUpTo.set(hall.id, snapshot.lastEventId);
    } finally {
      const waiting = this.pending.get(hall.id) ?? [];
      this.pending.delete(hall.id);
      for (const e of waiting) this.observe(e);
    }
  }

  /** Completions before `upTo`, oldest first: enough for every service's recent handlings, or PRIME_EVENTS back. */
  private async recentCompletions(hallId: string, upTo: number): Promise<HallEvent[]> {
    const found: HallEvent[] = [];
    const perService = new Map<string, number>();
    let before = upTo + 1;
    for (let read = 0; read < PRIME_EVENTS; read += PAGE) {
      const events = await this.ctx.store.eventsNewestFirst(hallId, before, PAGE);
      for (const e of events) {
        if (e.type !== 'ticket.completed' || !e.ticket) continue;
        const n = perService.get(e.ticket.serviceId) ?? 0;
        if (n < RECENT_HANDLINGS) {
          found.push(e);
          perService.set(e.ticket.serviceId, n + 1);
        }
      }
      if (events.length < PAGE) break;
      before = events[events.length - 1]!.id;
      if ([...perService.values()].length >= this.ctx.halls.get(hallId)!.services.size && [...perService.values()].every((n) => n >= RECENT_HANDLINGS)) break;
    }
    return found.reverse();
  }
}
