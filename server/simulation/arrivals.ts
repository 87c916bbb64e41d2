/**
 * Citizens arriving at a hall's kiosk: a Poisson process whose rate follows the day's rhythm
 * (drawn by thinning, so arrival times do not depend on how often the simulator is stepped),
 * each choosing a service by the hall's mix and, now and then, the green channel or an appointment.
 */
import { issueTicket } from '../commands/issueTicket.js';
import type { Hall } from '../domain/hall.js';
import { Rng } from './random.js';
import { ABSENT_SHARE, arrivalRate, peakArrivalRate, priorityOf, type ServiceMix } from './rhythm.js';
import type { Actor, World } from './world.js';

export class Arrivals implements Actor {
  private readonly rng: Rng;
  private readonly absent = new Set<string>();

  constructor(
    private readonly world: World,
    private readonly hall: Hall,
    readonly mix: ServiceMix,
  ) {
    this.rng = new Rng(world.seed, `${hall.id}/arrivals`);
  }

  get name(): string {
    return this.hall.id;
  }

  start(at: number): void {
    if (this.mix.dailyTickets > 0) this.world.schedule(this.nextArrival(at), this, 'issue');
  }

  isAbsent(ticketId: string): boolean {
    return this.absent.has(ticketId);
  }

  forget(ticketId: string): void {
    this.absent.delete(ticketId);
  }

  async act(_kind: string, at: number): Promise<void> {
    const service = this.rng.pick(this.mix.services, (s) => s.perDay);
    const priority = priorityOf(this.rng);
    const absent = this.rng.chance(ABSENT_SHARE);
    this.world.schedule(this.nextArrival(at), this, 'issue');

    const r = await issueTicket(this.world.ctx, { hallId: this.hall.id, serviceId: service.id, priority });
    if (!r.ok) {
      this.world.rec.refused(r.reason);
      this.world.rec.trace(at, `${this.name} issue ${service.id} refused ${r.reason}`);
      return;
    }
    this.world.rec.issued(r.ticket, r.ahead, at);
    this.world.rec.trace(at, `${this.name} issue ${r.ticket.number} ${priority} ahead=${r.ahead}${absent ? ' absent' : ''}`);
    if (absent) {
      this.absent.add(r.ticket.id);
      // Citizens who never came are forgotten with the day; keep the set from growing without end.
      if (this.absent.size > 10_000) this.absent.delete(this.absent.values().next().value!);
    }
    this.world.wake(this.hall.id, at, { serviceId: service.id });
  }

  failed(): void {
    // The next arrival was scheduled before the step could fail.
  }

  /** The next arrival after `from` (virtual minutes), by thinning a peak-rate Poisson process. */
  private nextArrival(from: number): number {
    const max = peakArrivalRate(this.mix.dailyTickets);
    let t = from;
    for (;;) {
      t += this.rng.exponential(max);
      if (this.rng.next() * max < arrivalRate(this.mix.dailyTickets, t)) return t;
    }
  }
}
