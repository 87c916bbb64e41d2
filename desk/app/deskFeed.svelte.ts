/**
 * The desk's one store: a socket in the desk scope (managers and admins only: the hub refuses any
 * other token), the desk snapshot on connect, then every event of the hall folded twice — into
 * the hall's state (display/lib/hallState.ts, as screens do) and into the day so far
 * (server/domain/desk/today.ts, the fold the hub primed) — plus the hub's roster and printer notices.
 *
 * A burst of events is folded as it arrives but shown once per animation frame (`tick`), so a
 * thousand events cost a thousand small folds and a few renders, not a thousand renders. The
 * KPIs are metricsOf over today's facts, recomputed at most once a second.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, DeskSnapshot, DeskToday, HallEvent, HallInfo, HallSnapshot, KioskPrinterView, RosterRow, ServerToClientEvents } from '../../server/protocol.js';
import { applyEvent } from '../../display/lib/hallState.js';
import { foldToday } from '../../server/domain/desk/today.js';
import { metricsOf, type Metrics, type MetricRules } from '../../server/domain/metrics/index.js';

export type DeskStatus = 'connecting' | 'live' | 'offline' | 'refused';

const KPI_EVERY_MS = 1000;

export class DeskFeed {
  status = $state<DeskStatus>('connecting');
  /** Bumped once per frame after events: views read state through it. */
  tick = $state(0);
  info = $state.raw<HallInfo | null>(null);
  roster = $state.raw<RosterRow[]>([]);
  printers = $state.raw<KioskPrinterView[]>([]);
  names = $state.raw<Record<string, string>>({});
  metrics = $state.raw<Metrics | null>(null);
  /** The hub's clock (ms), ticking each second: timers and "how long" read it. */
  now = $state(Date.now());
  /** A leave request was made or decided somewhere: lists reload when this changes. */
  leaveVersion = $state(0);
  lastHeard = $state(0);

  hall: HallSnapshot | null = null;
  today: DeskToday | null = null;
  private rules: MetricRules | null = null;
  private offset = 0;
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private frame = 0;
  private kpiTimer: ReturnType<typeof setTimeout> | undefined;
  private kpiAt = 0;
  private clock: ReturnType<typeof setInterval> | undefined;
  private offlineTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly token: string,
    readonly hallId: string,
  ) {}

  start(): void {
    this.clock = setInterval(() => (this.now = Date.now() + this.offset), 1000);
    void fetch(`/api/halls/${encodeURIComponent(this.hallId)}`).then(async (r) => {
      if (r.ok) this.info = (await r.json()) as HallInfo;
    });
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ auth: { token: this.token, hallId: this.hallId, desk: true }, reconnectionDelay: 500, reconnectionDelayMax: 3000 });
    this.socket = socket;
    socket.on('desk', (s) => this.onSnapshot(s));
    // The desk's view is the full one: its events are the hall's events themselves.
    socket.on('event', (e) => this.onEvent(e as HallEvent));
    socket.on('roster', (rows) => {
      this.roster = rows;
      this.heard();
    });
    socket.on('printer', (p) => {
      this.printers = [...this.printers.filter((x) => x.kioskId !== p.kioskId), p];
    });
    socket.on('leaveChanged', () => (this.leaveVersion += 1));
    socket.on('disconnect', () => this.goingOffline());
    // The hub ended this session (logged out or taken over elsewhere, expired): back to the login, no retry.
    socket.on('sessionEnded', () => {
      socket.disconnect();
      this.status = 'refused';
    });
    socket.on('connect_error', (err: Error & { data?: { error?: string } }) => {
      const code = err.data?.error;
      if (code === 'unauthorized' || code === 'forbidden' || code === 'taken_over') {
        socket.disconnect();
        this.status = 'refused';
      } else this.goingOffline();
    });
  }

  stop(): void {
    clearInterval(this.clock);
    clearTimeout(this.kpiTimer);
    clearTimeout(this.offlineTimer);
    cancelAnimationFrame(this.frame);
    this.socket?.close();
  }

  private onSnapshot(s: DeskSnapshot): void {
    this.offset = s.now - Date.now();
    this.now = s.now;
    this.hall = s.hall;
    this.today = s.today;
    this.roster = s.roster;
    this.printers = s.printers;
    this.names = s.names;
    this.rules = {
      timeZone: s.metricRules.timeZone,
      ...(s.metricRules.lunch ? { lunch: s.metricRules.lunch } : {}),
      waitTargetSeconds: s.metricRules.waitTargetSeconds,
      standardSeconds: new Map(s.metricRules.standardSeconds),
    };
    this.heard();
    this.computeKpis();
    this.tick += 1;
  }

  private onEvent(e: HallEvent): void {
    this.heard();
    const hall = this.hall;
    const today = this.today;
    if (!hall || !today) return; // before the snapshot: it holds this event or an earlier state the hub follows with it
    if (e.id > hall.lastEventId + 1 && e.id > today.lastEventId + 1) {
      // A gap (a dropped message): start again from a snapshot.
      this.socket?.emit('resync', { lastEventId: hall.lastEventId }, () => {});
      return;
    }
    if (e.id > hall.lastEventId) this.hall = applyEvent(hall, e);
    foldToday(today, e, this.info?.timeZone ?? this.rules?.timeZone ?? 'Asia/Shanghai');
    this.schedule();
  }

  /** One render per frame, however many events arrived in it; KPIs at most once a second. */
  private schedule(): void {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.tick += 1;
      });
    }
    if (!this.kpiTimer) {
      const wait = Math.max(0, this.kpiAt + KPI_EVERY_MS - Date.now());
      this.kpiTimer = setTimeout(() => {
        this.kpiTimer = undefined;
        this.computeKpis();
      }, wait);
    }
  }

  private computeKpis(): void {
    if (!this.today || !this.rules) return;
    this.kpiAt = Date.now();
    this.metrics = metricsOf({ tickets: Object.values(this.today.facts), rules: this.rules, now: Date.now() + this.offset });
  }

  private heard(): void {
    this.lastHeard = Date.now();
    clearTimeout(this.offlineTimer);
    this.offlineTimer = undefined;
    if (this.hall) this.status = 'live';
  }

  private goingOffline(): void {
    if (this.status === 'refused' || this.offlineTimer) return;
    this.offlineTimer = setTimeout(() => {
      this.offlineTimer = undefined;
      if (!this.socket?.connected) this.status = 'offline';
    }, 3000);
  }
}
