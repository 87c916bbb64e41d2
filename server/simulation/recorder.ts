/**
 * What the simulator counts and remembers: the counters of SimStats, a record per ticket (the
 * `ahead` promised at issue and when each step happened, for measuring the estimated-wait error),
 * and optionally a line per decision.
 */
import { outcomes } from '../domain/ticket.js';
import type { Outcome, RefusalReason, TicketView } from '../protocol.js';
import { formatVirtual } from './rhythm.js';
import type { SimStats, TicketRecord } from './types.js';

type Counters = Omit<SimStats, 'virtualMinutes' | 'virtualTime' | 'waiting' | 'refusals' | 'outcomes' | 'lastError'>;

export class Recorder {
  private readonly counters: Counters = {
    issued: 0, called: 0, recalls: 0, started: 0, completed: 0, noShows: 0, missed: 0, transfers: 0, pauses: 0, covers: 0, errors: 0,
  };
  private readonly outcomes = Object.fromEntries(outcomes.map((o) => [o, 0])) as Record<Outcome, number>;
  private readonly refusals: Partial<Record<RefusalReason, number>> = {};
  private readonly records = new Map<string, TicketRecord>();
  private readonly lines: string[] = [];
  private lastError?: string;

  constructor(
    private readonly logLimit: number,
    private readonly tracing: boolean,
  ) {}

  count(counter: 'pauses' | 'covers'): void {
    this.counters[counter]++;
  }

  refused(reason: RefusalReason): void {
    this.refusals[reason] = (this.refusals[reason] ?? 0) + 1;
  }

  failed(err: unknown): void {
    this.counters.errors++;
    this.lastError = err instanceof Error ? err.message : String(err);
  }

  trace(v: number, text: string): void {
    if (this.tracing) this.lines.push(`${v.toFixed(4)} ${text}`);
  }

  issued(t: TicketView, ahead: number, v: number): void {
    this.counters.issued++;
    this.remember({
      ticketId: t.id, number: t.number, hallId: t.id.slice(0, t.id.indexOf('-')), serviceId: t.serviceId, priority: t.priority,
      ahead, issuedAt: t.issuedAt, issuedAtV: v, fate: 'waiting', calls: 0, recalls: 0, noShows: 0, transfers: 0,
    });
  }

  /** The record of a ticket; one the simulator did not issue (a kiosk used by a person) gets one now. */
  private of(t: TicketView): TicketRecord {
    let r = this.records.get(t.id);
    if (!r) {
      r = {
        ticketId: t.id, number: t.number, hallId: t.id.slice(0, t.id.indexOf('-')), serviceId: t.serviceId, priority: t.priority,
        ahead: null, issuedAt: t.issuedAt, issuedAtV: null, fate: 'waiting', calls: 0, recalls: 0, noShows: 0, transfers: 0,
      };
      this.remember(r);
    }
    return r;
  }

  isKnown(ticketId: string): boolean {
    return this.records.has(ticketId);
  }

  called(t: TicketView, v: number): void {
    this.counters.called++;
    const r = this.of(t);
    r.calls++;
    r.fate = 'called';
    r.windowId = t.windowId;
    if (r.calledAt === undefined) {
      r.calledAt = t.calledAt;
      r.calledAtV = v;
    }
  }

  recalled(t: TicketView): void {
    this.counters.recalls++;
    this.of(t).recalls++;
  }

  started(t: TicketView, v: number): void {
    this.counters.started++;
    const r = this.of(t);
    r.fate = 'serving';
    if (r.startedAt === undefined) {
      r.startedAt = t.startedAt;
      r.startedAtV = v;
    }
  }

  completed(t: TicketView, v: number): void {
    this.counters.completed++;
    if (t.outcome) this.outcomes[t.outcome]++;
    const r = this.of(t);
    r.fate = 'done';
    r.outcome = t.outcome;
    r.finishedAt = t.finishedAt;
    r.finishedAtV = v;
  }

  noShow(t: TicketView, v: number): void {
    this.counters.noShows++;
    const r = this.of(t);
    r.noShows++;
    if (t.status === 'missed') {
      this.counters.missed++;
      r.fate = 'missed';
      r.finishedAt = t.finishedAt;
      r.finishedAtV = v;
    } else r.fate = 'waiting';
  }

  transferred(t: TicketView): void {
    this.counters.transfers++;
    const r = this.of(t);
    r.transfers++;
    r.fate = 'waiting';
    r.serviceId = t.serviceId;
  }

  private remember(r: TicketRecord): void {
    this.records.set(r.ticketId, r);
    if (this.records.size > this.logLimit) this.records.delete(this.records.keys().next().value!);
  }

  stats(v: number): SimStats {
    let waiting = 0;
    for (const r of this.records.values()) if (r.fate === 'waiting' && r.ahead !== null) waiting++;
    return {
      virtualMinutes: v,
      virtualTime: formatVirtual(v),
      ...this.counters,
      outcomes: { ...this.outcomes },
      waiting,
      refusals: { ...this.refusals },
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  log(): TicketRecord[] {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  traceLines(): string[] {
    return [...this.lines];
  }
}
