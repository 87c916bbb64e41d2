/**
 * The simulator's step engine: the halls' arrivals and staffed windows, and an agenda of what
 * each does when, in virtual minutes. `tick(now)` runs everything due up to `now`, one step at a
 * time in agenda order, awaiting each command — so the same seed, stepped to the same virtual
 * times against the same starting state, makes the same decisions and gets the same answers.
 * Timers live elsewhere (simulator.ts); tests drive `tick` directly.
 */
import { windowId, type StaffConfig } from '../config.js';
import type { CommandContext } from '../commands/context.js';
import type { Hall } from '../domain/hall.js';
import type { WindowView } from '../protocol.js';
import { Agenda } from './agenda.js';
import { Arrivals } from './arrivals.js';
import { Recorder } from './recorder.js';
import { serviceMix, virtualMinuteOf } from './rhythm.js';
import type { SimStats, SimulatorOptions, TicketRecord } from './types.js';
import { WindowActor, type Post } from './window.js';
import type { Actor, World } from './world.js';

/** Most steps one tick runs, so a driver that fell far behind still yields (and can stop). */
const STEPS_PER_TICK = 5_000;

interface HallRun {
  hall: Hall;
  arrivals: Arrivals;
  windows: WindowActor[];
  staffed: string[];
}

export class Simulation {
  /** Virtual minute the run starts at (minutes since 08:30 of day 0). */
  readonly startV: number;
  private now: number;
  private at: number;
  private readonly agenda = new Agenda<{ actor: Actor; kind: string; gen: number }>();
  private readonly rec: Recorder;
  private readonly runs = new Map<string, HallRun>();
  private readonly world: World;
  /** Staff a window depends on all day: they cannot cover elsewhere. */
  private readonly primaries = new Set<string>();
  /** A post holders of windows left to people, by staff id: borrowed to cover only while that window is closed. */
  private readonly reserved = new Map<string, string>();
  private readonly covering = new Map<string, string>();
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: CommandContext,
    private readonly options: SimulatorOptions = {},
  ) {
    this.startV = virtualMinuteOf(options.startAt ?? '08:30');
    this.now = this.at = this.startV;
    this.rec = new Recorder(options.logLimit ?? 100_000, options.trace ?? false);
    this.world = this.makeWorld();

    const hallIds = options.hallIds ?? ctx.halls.all().map((h) => h.id);
    for (const hallId of hallIds) {
      const hall = ctx.halls.get(hallId);
      if (!hall) throw new Error(`simulator: unknown hall "${hallId}"`);
      this.runs.set(hallId, this.setUp(hall));
    }
    for (const run of this.runs.values()) {
      run.arrivals.start(this.startV);
      for (const w of run.windows) w.start(this.startV);
    }
  }

  private setUp(hall: Hall): HallRun {
    const first = windowId(hall.id, 1);
    const leave = new Set(this.options.leaveWindows ?? (hall.windows.has(first) ? [first] : []));
    const holders = (number: number, post: 'A' | 'B'): StaffConfig[] =>
      hall.config.staff.filter((s) => s.posts.some((p) => p.window === number && p.post === post));
    const windows: WindowActor[] = [];
    for (const [id, w] of hall.windows) {
      if (leave.has(id)) {
        for (const s of holders(w.number, 'A')) this.reserved.set(s.id, id);
        continue;
      }
      const a = holders(w.number, 'A')[0];
      const bs = holders(w.number, 'B').map((s) => s.id);
      const primary: Post | undefined = a ? { staffId: a.id, post: 'A' } : bs[0] ? { staffId: bs[0], post: 'B' } : undefined;
      if (!primary) continue; // nobody holds a post here: the window stays closed
      this.primaries.add(primary.staffId);
      windows.push(new WindowActor(this.world, hall, id, primary, bs.filter((b) => b !== primary.staffId)));
    }
    // A staffer who is some window's primary is not free to cover, even if listed before it.
    for (const s of this.primaries) this.reserved.delete(s);
    const staffed = windows.map((w) => w.name);
    const mix = serviceMix(hall, staffed, this.options.serviceWeights, this.options.dailyTickets?.[hall.id]);
    return { hall, arrivals: new Arrivals(this.world, hall, mix), windows, staffed };
  }

  private makeWorld(): World {
    const sim = this;
    return {
      ctx: this.ctx,
      rec: this.rec,
      seed: this.options.seed ?? 1,
      schedule: (at, actor, kind, gen = 0) => this.agenda.add(at, { actor, kind, gen }),
      wake(hallId, at, target) {
        for (const w of sim.runs.get(hallId)?.windows ?? []) {
          if (target.windowId ? w.name === target.windowId : w.serves(target.serviceId ?? '')) w.wake(at);
        }
      },
      isAbsent(ticketId) {
        for (const run of sim.runs.values()) if (run.arrivals.isAbsent(ticketId)) return true;
        return sim.rec.isKnown(ticketId) ? false : undefined;
      },
      staffedWindows: (hallId) => this.runs.get(hallId)?.staffed ?? [],
      mixOf: (hallId) => this.runs.get(hallId)?.arrivals.mix.services ?? [],
      async claimCover(hall, staffId, windowIdValue) {
        if (sim.primaries.has(staffId) || sim.covering.has(staffId)) return false;
        const leaveWindow = sim.reserved.get(staffId);
        if (leaveWindow) {
          if (sim.options.borrowLeaveStaff === false) return false;
          const view = await this.peekWindow(hall, leaveWindow);
          if (view && view.state !== 'closed') return false; // a person is using it
        }
        sim.covering.set(staffId, windowIdValue);
        return true;
      },
      releaseCover: (staffId) => void this.covering.delete(staffId),
      peekWindow: (hall, id) => this.peekWindow(hall, id),
    };
  }

  private async peekWindow(hall: Hall, id: string): Promise<WindowView | undefined> {
    const snapshot = await this.ctx.store.snapshot(hall.id, { windows: [id], services: [], classes: hall.classes });
    return snapshot.windows[0];
  }

  /** Run every step due up to virtual minute `now`. Calls are serialised: a tick waits for the one before. */
  tick(now: number): Promise<void> {
    this.running = this.running.then(() => this.step(now));
    return this.running;
  }

  private async step(now: number): Promise<void> {
    this.now = Math.max(this.now, now);
    for (let i = 0; i < STEPS_PER_TICK; i++) {
      const due = this.agenda.takeDue(this.now);
      if (!due) return;
      const { actor, kind, gen } = due.item;
      this.at = due.at;
      try {
        await actor.act(kind, due.at, gen);
      } catch (err) {
        this.rec.failed(err);
        this.rec.trace(due.at, `${actor.name} ${kind} error ${(err as Error).message}`);
        actor.failed(due.at);
      }
    }
  }

  /**
   * The virtual minute of the step in progress (of the last one, between ticks). A test can tie
   * its engine clock to it, so engine times follow virtual time exactly.
   */
  get stepAt(): number {
    return this.at;
  }

  /** The virtual minute the simulation has reached. */
  get virtualNow(): number {
    return this.now;
  }

  /** Expected tickets per virtual day of each hall, as the mix was set up. */
  dailyTickets(): Record<string, number> {
    return Object.fromEntries([...this.runs].map(([id, run]) => [id, Math.round(run.arrivals.mix.dailyTickets)]));
  }

  stats(): SimStats {
    return this.rec.stats(this.now);
  }

  log(): TicketRecord[] {
    return this.rec.log();
  }

  /** One line per decision, when options.trace is set. */
  trace(): string[] {
    return this.rec.traceLines();
  }
}
