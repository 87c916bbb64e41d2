/**
 * One staffed window as the simulator plays it: its post signs in, calls the next ticket when
 * idle, the citizen walks up (or, now and then, never comes: recall once, then 过号), the
 * handling takes a log-normal time around the service's standard, and ends in an outcome or a
 * transfer. Over lunch and now and then the staffer pauses; a free B post covers meanwhile.
 *
 * The window never trusts its own picture over the store's: a refusal (a person acting at the
 * same window, a manager closing it, a restart finding a ticket left at the counter) is counted,
 * then the window looks at what the store says and carries on from there.
 */
import { callNext } from '../commands/callNext.js';
import { completeTicket } from '../commands/completeTicket.js';
import { markNoShow } from '../commands/markNoShow.js';
import { markAway } from '../commands/markAway.js';
import { recallTicket } from '../commands/recallTicket.js';
import { markBack } from '../commands/markBack.js';
import { signIn } from '../commands/signIn.js';
import { signOut } from '../commands/signOut.js';
import { startService } from '../commands/startService.js';
import { transferTicket } from '../commands/transferTicket.js';
import type { Hall } from '../domain/hall.js';
import type { RefusalReason, WindowView } from '../protocol.js';
import { Rng } from './random.js';
import {
  ABSENT_SHARE,
  BACK_OFF,
  handlingMinutes,
  IDLE_POLL,
  NO_SHOW_AFTER,
  outcomeOf,
  planPauses,
  RECALL_AFTER,
  TRANSFER_SHARE,
  turnaroundMinutes,
  virtualDay,
  walkMinutes,
  type PlannedPause,
} from './rhythm.js';
import type { Actor, World } from './world.js';

type Mode = 'off' | 'idle' | 'called' | 'serving' | 'paused';
type Step = 'signIn' | 'call' | 'start' | 'recall' | 'noShow' | 'finish' | 'transfer' | 'back' | 'recover';

/** A pause missed by more than this (the window was busy all along) is dropped. */
const PAUSE_LATENESS = 45;

export interface Post {
  staffId: string;
  post: 'A' | 'B';
}

export class WindowActor implements Actor {
  private mode: Mode = 'off';
  /** Bumped whenever the window's next step changes: a step scheduled before is stale. */
  private gen = 0;
  /** Who presses the buttons now: the primary post, or the B post covering. */
  private acting: string;
  private cover?: string;
  private away = false;
  private handingBack = false;
  private ticket?: { id: string; number: string; serviceId: string; absent: boolean };
  private pauses: PlannedPause[] = [];
  private plannedDay = -1;
  private readonly rng: Rng;
  private readonly services: Set<string>;

  constructor(
    private readonly world: World,
    private readonly hall: Hall,
    readonly name: string,
    private readonly primary: Post,
    private readonly coverPosts: readonly string[],
  ) {
    this.rng = new Rng(world.seed, name);
    this.services = new Set(hall.windows.get(name)!.tiers.flat());
    this.acting = primary.staffId;
  }

  serves(serviceId: string): boolean {
    return this.services.has(serviceId);
  }

  /** Staff arrive over the first few minutes, not all in the same instant. */
  start(at: number): void {
    this.next('signIn', at + this.rng.between(0, 3));
  }

  /** A ticket this window may call has appeared. */
  wake(at: number): void {
    if (this.mode === 'idle') this.next('call', at);
  }

  async act(kind: string, at: number, gen: number): Promise<void> {
    // A resume runs on its own timer, whatever the window is doing meanwhile.
    if (kind !== 'back' && gen !== this.gen) return;
    switch (kind as Step) {
      case 'signIn':
        return this.signIn(at);
      case 'call':
        return this.call(at);
      case 'start':
        return this.startHandling(at);
      case 'recall':
        return this.recall(at);
      case 'noShow':
        return this.noShow(at);
      case 'finish':
        return this.finish(at);
      case 'transfer':
        return this.transfer(at);
      case 'back':
        return this.resume(at);
      case 'recover':
        return this.recover(at);
    }
  }

  failed(at: number): void {
    this.next(this.mode === 'off' ? 'signIn' : 'recover', at + BACK_OFF);
  }

  private next(step: Step, at: number): void {
    this.gen++;
    this.world.schedule(at, this, step, this.gen);
  }

  private trace(at: number, text: string): void {
    this.world.rec.trace(at, `${this.name} ${text}`);
  }

  private as(staffId = this.acting): { windowId: string; staffId: string } {
    return { windowId: this.name, staffId };
  }

  private async signIn(at: number): Promise<void> {
    const r = await signIn(this.world.ctx, { ...this.as(this.primary.staffId), post: this.primary.post });
    this.trace(at, `signIn ${this.primary.staffId} ${r.ok ? 'ok' : r.reason}`);
    if (!r.ok) {
      this.world.rec.refused(r.reason);
      this.next('signIn', at + BACK_OFF);
      return;
    }
    this.acting = this.primary.staffId;
    this.adopt(r.window, at, 0);
  }

  private async call(at: number): Promise<void> {
    this.planDay(at);
    if (this.handingBack) await this.handBack(at);
    const pause = this.duePause(at);
    if (pause) return this.pause(pause, at);
    const r = await callNext(this.world.ctx, this.as());
    if (!r.ok) return this.refused('call', r.reason, at);
    if (!r.ticket) {
      this.mode = 'idle';
      this.next('call', at + IDLE_POLL);
      return;
    }
    const t = r.ticket;
    this.world.rec.called(t, at);
    const absent = this.world.isAbsent(t.id) ?? this.rng.chance(ABSENT_SHARE);
    this.ticket = { id: t.id, number: t.number, serviceId: t.serviceId, absent };
    this.mode = 'called';
    this.trace(at, `call ${t.number} by ${this.acting}`);
    if (absent) this.next('recall', at + RECALL_AFTER);
    else this.next('start', at + walkMinutes(this.rng));
  }

  private async startHandling(at: number): Promise<void> {
    const r = await startService(this.world.ctx, this.as());
    if (!r.ok) return this.refused('start', r.reason, at);
    this.world.rec.started(r.ticket!, at);
    this.mode = 'serving';
    const minutes = handlingMinutes(this.rng, this.hall.services.get(r.ticket!.serviceId)?.standardMinutes ?? 10);
    this.trace(at, `start ${r.ticket!.number} for ${minutes.toFixed(2)}`);
    // A transfer is decided part-way through: the staffer finds it belongs elsewhere.
    if (this.rng.chance(TRANSFER_SHARE)) this.next('transfer', at + 0.4 * minutes);
    else this.next('finish', at + minutes);
  }

  private async recall(at: number): Promise<void> {
    const r = await recallTicket(this.world.ctx, this.as());
    if (!r.ok) return this.refused('recall', r.reason, at);
    this.world.rec.recalled(r.ticket!);
    this.trace(at, `recall ${r.ticket!.number}`);
    this.next('noShow', at + NO_SHOW_AFTER);
  }

  private async noShow(at: number): Promise<void> {
    const r = await markNoShow(this.world.ctx, this.as());
    // The hall's minimum time after the call runs on the hub's clock, which a fast simulation
    // outpaces: the staffer waits and tries again, as a real one would.
    if (!r.ok && r.reason === 'no_show_too_early') return this.next('noShow', at + NO_SHOW_AFTER / 2);
    if (!r.ok) return this.refused('noShow', r.reason, at);
    const t = r.ticket!;
    this.world.rec.noShow(t, at);
    this.trace(at, `noShow ${t.number} ${t.status}`);
    this.free(at);
    // Re-queued a few places back: another window may call it before this one does.
    if (t.status === 'waiting') this.world.wake(this.hall.id, at, { serviceId: t.serviceId });
  }

  private async finish(at: number): Promise<void> {
    const service = this.hall.services.get(this.ticket?.serviceId ?? '');
    const outcome = outcomeOf(this.rng, service?.name ?? '');
    const r = await completeTicket(this.world.ctx, { ...this.as(), outcome });
    if (!r.ok) return this.refused('finish', r.reason, at);
    this.world.rec.completed(r.ticket!, at);
    this.trace(at, `complete ${r.ticket!.number} ${outcome}`);
    this.free(at);
  }

  private async transfer(at: number): Promise<void> {
    const windows = this.world.staffedWindows(this.hall.id).filter((w) => w !== this.name);
    const services = this.world.mixOf(this.hall.id).filter((s) => s.id !== this.ticket?.serviceId);
    const toWindow = windows.length > 0 && (services.length === 0 || this.rng.chance(0.5));
    if (!toWindow && services.length === 0) return this.finish(at);
    const target = toWindow
      ? { toWindowId: windows[Math.floor(this.rng.next() * windows.length)]! }
      : { toServiceId: this.rng.pick(services, (s) => s.perDay).id };
    const r = await transferTicket(this.world.ctx, { ...this.as(), ...target });
    if (!r.ok) return this.refused('transfer', r.reason, at);
    this.world.rec.transferred(r.ticket!);
    this.trace(at, `transfer ${r.ticket!.number} to ${target.toWindowId ?? target.toServiceId}`);
    this.free(at);
    this.world.wake(this.hall.id, at, target.toWindowId ? { windowId: target.toWindowId } : { serviceId: target.toServiceId });
  }

  /** The window let its ticket go; the next call after a short turnaround. */
  private free(at: number): void {
    this.ticket = undefined;
    this.mode = 'idle';
    this.next('call', at + turnaroundMinutes(this.rng));
  }

  private planDay(at: number): void {
    const day = virtualDay(at);
    if (day === this.plannedDay) return;
    this.plannedDay = day;
    this.pauses = planPauses(this.rng, day);
  }

  private duePause(at: number): PlannedPause | undefined {
    while (this.pauses[0] && at - this.pauses[0].at > PAUSE_LATENESS) this.pauses.shift();
    if (this.away || !this.pauses[0] || this.pauses[0].at > at) return undefined;
    return this.pauses.shift();
  }

  /** The primary post steps away; a free B post signs in and covers, or the window shows 暂停. */
  private async pause(p: PlannedPause, at: number): Promise<void> {
    const r = await markAway(this.world.ctx, { ...this.as(this.primary.staffId), reason: p.reason });
    this.trace(at, `pause ${this.primary.staffId} ${p.reason} ${p.minutes.toFixed(1)} ${r.ok ? 'ok' : r.reason}`);
    if (!r.ok) return this.refused('away', r.reason, at);
    this.world.rec.count('pauses');
    this.away = true;
    this.world.schedule(at + p.minutes, this, 'back');
    const cover = await this.findCover(at);
    if (cover) {
      this.world.rec.count('covers');
      this.cover = this.acting = cover;
      this.mode = 'idle';
      this.next('call', at);
    } else {
      this.mode = 'paused';
      this.gen++;
    }
  }

  private async findCover(at: number): Promise<string | undefined> {
    for (const staffId of this.coverPosts) {
      if (!(await this.world.claimCover(this.hall, staffId, this.name))) continue;
      const r = await signIn(this.world.ctx, { ...this.as(staffId), post: 'B' });
      this.trace(at, `cover ${staffId} ${r.ok ? 'ok' : r.reason}`);
      if (r.ok) return staffId;
      this.world.rec.refused(r.reason);
      this.world.releaseCover(staffId);
    }
    return undefined;
  }

  private async resume(at: number): Promise<void> {
    if (!this.away) return;
    const r = await markBack(this.world.ctx, this.as(this.primary.staffId));
    this.trace(at, `resume ${this.primary.staffId} ${r.ok ? 'ok' : r.reason}`);
    this.away = false;
    if (!r.ok) return this.refused('back', r.reason, at);
    if (this.cover) this.handingBack = true;
    if (this.mode === 'paused' || this.mode === 'idle') {
      this.mode = 'idle';
      this.next('call', at);
    }
    // Otherwise the B post finishes the ticket in hand and hands back at the next call.
  }

  private async handBack(at: number): Promise<void> {
    const cover = this.cover!;
    const r = await signOut(this.world.ctx, this.as(cover));
    this.trace(at, `handBack ${cover} ${r.ok ? 'ok' : r.reason}`);
    if (!r.ok) this.world.rec.refused(r.reason);
    this.world.releaseCover(cover);
    this.cover = undefined;
    this.handingBack = false;
    this.acting = this.primary.staffId;
  }

  private refused(step: string, reason: RefusalReason, at: number): void {
    this.world.rec.refused(reason);
    this.trace(at, `${step} refused ${reason}`);
    // Someone else acts here (or the store changed under us): look again a little later.
    this.next('recover', at + 1);
  }

  /** Carry on from what the store says the window is. */
  private async recover(at: number): Promise<void> {
    this.adopt(await this.world.peekWindow(this.hall, this.name), at, BACK_OFF);
  }

  /**
   * Take the window as it stands: signed out → sign in again later; our post away → resume
   * later; a ticket at the counter (left by an earlier run, or called by someone else) → handle
   * it; otherwise call.
   */
  private adopt(view: WindowView | undefined, at: number, delay: number): void {
    const me = this.primary.staffId;
    const cover = this.cover && (view?.postA === this.cover || view?.postB === this.cover) ? this.cover : undefined;
    if (this.cover && !cover) {
      this.world.releaseCover(this.cover);
      this.cover = undefined;
      this.handingBack = false;
    }
    if (!view || (view.postA !== me && view.postB !== me)) {
      this.mode = 'off';
      this.away = false;
      this.next('signIn', at + Math.max(delay, 1));
      return;
    }
    const meAway = (view.postA === me ? view.awayA : view.awayB) !== undefined;
    this.acting = meAway && cover ? cover : me;
    if (meAway && !cover) {
      this.mode = 'paused';
      this.gen++;
      if (!this.away) {
        this.away = true;
        this.world.schedule(at + Math.max(delay, 1), this, 'back');
      }
      return;
    }
    this.away = meAway;
    if (view.ticketId && (view.state === 'called' || view.state === 'serving')) {
      const prefix = view.ticketNumber?.[0];
      const service = this.hall.config.services.find((s) => s.prefix === prefix);
      this.ticket = { id: view.ticketId, number: view.ticketNumber ?? '', serviceId: service?.id ?? '', absent: false };
      this.mode = view.state;
      if (view.state === 'called') this.next('start', at + delay + walkMinutes(this.rng));
      else this.next('finish', at + delay + handlingMinutes(this.rng, service?.standardMinutes ?? 10));
      return;
    }
    this.ticket = undefined;
    this.mode = 'idle';
    this.next('call', at + delay);
  }
}
