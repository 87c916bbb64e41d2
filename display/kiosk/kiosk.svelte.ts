/**
 * The kiosk's one store: who it is (`GET /api/me`), its hall and services, live waiting counts
 * (a hall-scoped HallFeed), its printer's state, and the citizen's way through the screens:
 *
 *   home ──► services(normal) ──► issued
 *     ├───► green (绿色通道: who) ──► services(priority) ──► issued
 *     └───► appointment (预约: how it is checked) ──► services(appointment) ──► issued
 *
 * A tap on a service issues at most one ticket: the first tap makes a request id and every
 * repeat (double tap, retry after a network error) reuses it until an answer comes.
 */
import type { KioskPrinterView, PriorityClass } from '../../server/protocol.js';
import { HallFeed, type FeedStatus } from '../lib/hallFeed.js';
import { HubError, hubFetch, newRequestId, problemText } from './client.js';

export interface KioskService {
  id: string;
  name: string;
  prefix: string;
  standardMinutes: number;
  waiting: number;
  open: boolean;
  closedReason?: string;
}

export interface IssuedTicket {
  id: string;
  number: string;
  serviceId: string;
  priority: PriorityClass;
  ahead: number;
  trackToken: string;
  issuedAt: number;
  print?: { queued: boolean; trackUrl: string; printer: KioskPrinterView };
}

export type Step =
  | { kind: 'home' }
  | { kind: 'green' }
  | { kind: 'appointment' }
  | { kind: 'services'; priority: 'priority' | 'appointment' }
  | { kind: 'issuing'; serviceId: string }
  | { kind: 'issued'; ticket: IssuedTicket; estimate?: number | null }
  | { kind: 'failed'; message: string; retry?: () => void };

interface Me {
  kind: string;
  device?: string;
  hallId: string;
  kioskId?: string;
}

interface Pending {
  serviceId: string;
  priority: PriorityClass;
  requestId: string;
}

/** How long a screen waits untouched before going back to the start (longer in 长者模式). */
export const IDLE_SECONDS = { normal: 30, elderly: 60 };
/** 长者模式 ends by itself when the kiosk has been left alone this long, for the next citizen. */
const ELDERLY_RESET_MS = 120_000;
const SERVICES_REFRESH_MS = 60_000;

export class Kiosk {
  phase = $state<'booting' | 'refused' | 'ready'>('booting');
  hallId = $state('');
  hallName = $state('');
  timeZone = $state('Asia/Shanghai');
  kioskId = $state<string | undefined>(undefined);
  services = $state.raw<KioskService[]>([]);
  feedStatus = $state<FeedStatus>('connecting');
  printer = $state.raw<KioskPrinterView | null>(null);
  elderly = $state(false);
  step = $state.raw<Step>({ kind: 'home' });
  lastTouch = $state(Date.now());

  private token = '';
  /** Printer statuses heard live: a status fetched meanwhile is older and is dropped. */
  private printerHeard = 0;
  private feed: HallFeed<'counts'> | undefined;
  private pending: Pending | undefined;
  private timers: ReturnType<typeof setInterval>[] = [];

  constructor(private readonly fetchRetryMs = 3000) {}

  async start(token: string | null): Promise<void> {
    if (!token) {
      this.phase = 'refused';
      return;
    }
    this.token = token;
    for (;;) {
      try {
        const me = await hubFetch<Me>('/api/me', { token });
        if (me.kind !== 'device' || me.device !== 'kiosk') {
          this.phase = 'refused';
          return;
        }
        this.hallId = me.hallId;
        this.kioskId = me.kioskId;
        const hall = await hubFetch<{ name: string; timeZone: string }>(`/api/halls/${encodeURIComponent(me.hallId)}`);
        this.hallName = hall.name;
        this.timeZone = hall.timeZone;
        await this.refreshServices();
        break;
      } catch (err) {
        if (err instanceof HubError && (err.status === 401 || err.status === 403 || err.status === 404)) {
          this.phase = 'refused';
          return;
        }
        this.feedStatus = 'offline';
        await new Promise((r) => setTimeout(r, this.fetchRetryMs));
      }
    }
    this.feed = new HallFeed({
      auth: { token },
      view: 'counts',
      onRefused: () => (this.phase = 'refused'),
      onEvent: (event) => {
        if (event.type === 'day.rolledOver' || event.type === 'day.swept') void this.refreshServices();
      },
    });
    this.feed.subscribe((feed) => {
      this.feedStatus = feed.status;
      if (feed.state) this.applyCounts(feed.state.queues);
    });
    this.feed.connection.on('printer', (p) => {
      if (p.kioskId !== this.kioskId) return;
      this.printerHeard++;
      this.printer = p;
    });
    // The printer's status reaches a kiosk only while it is connected: at each (re)connection, once
    // the kiosk is in its rooms (its snapshot comes after), ask for what it may have missed.
    this.feed.connection.on('snapshot', () => void this.refreshPrinter());
    // A service opens or closes with the clock (issuing hours): ask again now and then.
    this.timers.push(setInterval(() => void this.refreshServices().catch(() => {}), SERVICES_REFRESH_MS));
    this.timers.push(setInterval(() => this.onClock(), 1000));
    this.phase = 'ready';
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.feed?.close();
  }

  touched(): void {
    this.lastTouch = Date.now();
  }

  go(step: Step): void {
    this.step = step;
  }

  setElderly(on: boolean): void {
    this.elderly = on;
  }

  /** A tap on a service. Repeats while the first is on its way do nothing. */
  issue(serviceId: string, priority: PriorityClass = 'normal'): void {
    if (this.step.kind === 'issuing') return;
    const same = this.pending && this.pending.serviceId === serviceId && this.pending.priority === priority;
    const pending: Pending = same ? this.pending! : { serviceId, priority, requestId: newRequestId('kiosk') };
    this.pending = pending;
    this.step = { kind: 'issuing', serviceId };
    void this.send(pending);
  }

  private async send(p: Pending): Promise<void> {
    try {
      const ticket = await hubFetch<IssuedTicket>(`/api/halls/${encodeURIComponent(this.hallId)}/tickets`, {
        method: 'POST',
        token: this.token,
        body: { serviceId: p.serviceId, ...(p.priority !== 'normal' ? { priority: p.priority } : {}), requestId: p.requestId },
      });
      this.pending = undefined;
      if (ticket.print) this.printer = ticket.print.printer;
      this.step = { kind: 'issued', ticket };
      this.touched();
      void this.loadEstimate(ticket);
    } catch (err) {
      const refused = err instanceof HubError && err.status < 500;
      // A refusal (daily cap, hours) is final: the next tap asks afresh. A network error keeps the id.
      if (refused) this.pending = undefined;
      this.step = { kind: 'failed', message: problemText(err), ...(refused ? {} : { retry: () => this.issue(p.serviceId, p.priority) }) };
      if (refused) void this.refreshServices().catch(() => {});
    }
  }

  private async loadEstimate(ticket: IssuedTicket): Promise<void> {
    try {
      const view = await hubFetch<{ estimatedWaitMinutes?: number | null }>(`/api/tickets/${encodeURIComponent(ticket.id)}?token=${encodeURIComponent(ticket.trackToken)}`);
      if (this.step.kind === 'issued' && this.step.ticket.id === ticket.id) this.step = { ...this.step, estimate: view.estimatedWaitMinutes ?? null };
    } catch {
      /* the estimate is a nicety: the number and the QR code are what matter */
    }
  }

  async refreshServices(): Promise<void> {
    const list = await hubFetch<KioskService[]>(`/api/halls/${encodeURIComponent(this.hallId)}/services`);
    const live = this.feed?.state?.queues;
    this.services = live ? list.map((s) => ({ ...s, waiting: live.find((q) => q.serviceId === s.id)?.waiting ?? s.waiting })) : list;
  }

  private async refreshPrinter(): Promise<void> {
    if (!this.kioskId) return;
    const heard = this.printerHeard;
    try {
      const printer = await hubFetch<KioskPrinterView>(`/api/kiosks/${encodeURIComponent(this.kioskId)}/printer`, { token: this.token });
      if (this.printerHeard === heard) this.printer = printer;
    } catch {
      /* shown when the next ticket is issued */
    }
  }

  private applyCounts(queues: { serviceId: string; waiting: number }[]): void {
    const changed = this.services.some((s) => {
      const q = queues.find((x) => x.serviceId === s.id);
      return q !== undefined && q.waiting !== s.waiting;
    });
    if (changed) this.services = this.services.map((s) => ({ ...s, waiting: queues.find((q) => q.serviceId === s.id)?.waiting ?? s.waiting }));
  }

  /** Every second: back to the start after a while untouched; 长者模式 off after longer. */
  private onClock(): void {
    const idle = Date.now() - this.lastTouch;
    const limit = (this.elderly ? IDLE_SECONDS.elderly : IDLE_SECONDS.normal) * 1000;
    if (this.step.kind !== 'home' && this.step.kind !== 'issuing' && idle > limit) this.step = { kind: 'home' };
    if (this.elderly && this.step.kind === 'home' && idle > ELDERLY_RESET_MS) this.elderly = false;
  }

  /** Seconds until the issued screen goes back by itself (for its countdown). */
  secondsLeft(now: number): number {
    const limit = this.elderly ? IDLE_SECONDS.elderly : IDLE_SECONDS.normal;
    return Math.max(0, Math.ceil(limit - (now - this.lastTouch) / 1000));
  }
}

/** The printer, as the kiosk tells the citizen: null when all is well. */
export function printerProblem(p: KioskPrinterView | null): 'down' | 'none' | null {
  if (!p) return null;
  if (p.state === 'none') return 'none';
  if (p.state === 'offline' || p.state === 'paperOut' || p.state === 'coverOpen' || p.state === 'error') return 'down';
  return null;
}
