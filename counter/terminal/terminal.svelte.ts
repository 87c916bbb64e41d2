/**
 * The counter terminal's one store: who is logged in, the hall, its live state (HallFeed, hall
 * scope), the window this staffer is signed in at, its current ticket, the press in flight and the
 * last message. Components read it and call its methods; nothing else talks to the hub.
 */
import { HallFeed, type FeedStatus } from '../../display/lib/hallFeed.js';
import { t } from '../../display/lib/i18n/index.js';
import type { HallSnapshot, Outcome, AwayReason, TicketView, WindowView } from '../../server/protocol.js';
import type { HallInfo, WindowInfo } from '../lib/hall.js';
import { api, press, Refused } from '../lib/http.js';
import { refusalText } from '../lib/refusal.js';
import { MyMonth, monthOf } from './myMonth.svelte.js';
import { loadSession, saveSession, type StaffSession } from './session.js';
import { waitingOrder } from './waitingOrder.js';
import { awayRefusal, backRefusal } from '../../server/domain/duty.js';

export type Action = 'call-next' | 'recall' | 'start' | 'complete' | 'no-show' | 'transfer' | 'away' | 'back' | 'sign-in' | 'sign-out';
export type PickerKind = 'outcome' | 'away' | 'transfer' | 'sign-out';
export interface Message {
  kind: 'ok' | 'info' | 'error';
  text: string;
}

export class Terminal {
  session = $state<StaffSession | null>(null);
  hall = $state<HallInfo | null>(null);
  live = $state<HallSnapshot | null>(null);
  status = $state<FeedStatus>('connecting');
  /** Tickets last seen (events, answers): the current ticket's details survive a snapshot. */
  tickets = $state<Record<string, TicketView>>({});
  busy = $state<Action | null>(null);
  message = $state<Message | null>(null);
  picker = $state<PickerKind | null>(null);
  now = $state(Date.now());
  loginError = $state<string | null>(null);
  /** 我的考勤, open over the desk (the desk's keys rest meanwhile). */
  month = $state<MyMonth | null>(null);
  /**
   * Hub clock minus this PC's clock. Tickets carry the hub's times; a counter PC's clock is often
   * minutes off, which would make every wait and handling time wrong by as much.
   */
  private offset = 0;
  private feed: HallFeed | null = null;
  /** Checks run each time the live state changes (a press waits for its change to show). */
  private onLive = new Set<() => void>();
  private ticking: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly storage: Storage = sessionStorage) {}

  /** Resume a session kept in this tab, if the hub still knows its token. */
  async start(): Promise<void> {
    this.ticking = setInterval(() => (this.now = Date.now() + this.offset), 1000);
    const saved = loadSession(this.storage);
    if (!saved) return;
    try {
      const me = await api('GET', '/api/me', { token: saved.token });
      if (me.status === 401) return this.forget();
    } catch {
      /* hub unreachable: keep the session, the feed retries */
    }
    this.session = saved;
    if (saved.current) this.tickets = { ...this.tickets, [saved.current.id]: saved.current };
    await this.connect();
  }

  stop(): void {
    clearInterval(this.ticking);
    this.feed?.close();
  }

  async login(username: string, password: string): Promise<void> {
    this.loginError = null;
    let r;
    try {
      r = await api('POST', '/api/login', { body: { username, password } });
    } catch {
      this.loginError = t('refusal.network');
      return;
    }
    if (r.status !== 200) {
      this.loginError = r.status === 401 ? t('counter.login.wrong') : r.status === 429 ? t('counter.login.tooMany') : refusalText(new Refused(r.status, r.body?.error ?? '', ''));
      return;
    }
    this.session = { token: r.body.token, staff: r.body.staff };
    saveSession(this.session, this.storage);
    await this.connect();
  }

  /** Open the staffer's own month, the current one by the hub's clock in the hall's zone. */
  openMonth(): void {
    const s = this.session;
    if (!s || this.month) return;
    this.month = new MyMonth({ token: s.token, hallId: s.staff.hallId, staffId: s.staff.id }, monthOf(this.now, this.hall?.timeZone));
    void this.month.load();
  }

  closeMonth(): void {
    this.month = null;
  }

  /** Log out of this tab (the window sign-in stays: 签退 is its own action). */
  logout(): void {
    const token = this.session?.token;
    this.forget();
    // End the session at the hub too; the tab forgets the token even if the hub cannot be reached.
    if (token) void api('POST', '/api/logout', { token }).catch(() => {});
  }

  private forget(): void {
    this.feed?.close();
    this.feed = null;
    this.session = null;
    this.live = null;
    this.hall = null;
    saveSession(null, this.storage);
  }

  private async connect(): Promise<void> {
    const s = this.session!;
    for (;;) {
      try {
        const sent = Date.now();
        const r = await api<HallInfo>('GET', `/api/halls/${encodeURIComponent(s.staff.hallId)}`);
        if (r.status === 200) {
          this.hall = r.body;
          // The Date header has whole seconds: trust a difference only beyond that.
          const skew = r.date === undefined ? 0 : r.date + 500 - (sent + Date.now()) / 2;
          this.offset = Math.abs(skew) > 1500 ? skew : 0;
          this.now = Date.now() + this.offset;
          break;
        }
      } catch {
        /* retry below */
      }
      this.status = 'offline';
      await new Promise((r) => setTimeout(r, 2000));
      if (!this.session) return;
    }
    this.feed?.close();
    this.feed = new HallFeed({
      auth: { token: s.token },
      scope: 'hall',
      onEvent: (e) => {
        if ('ticket' in e) this.remember(e.ticket);
      },
      onRefused: (code) => {
        if (code === 'unauthorized') this.forget();
      },
    });
    this.feed.subscribe((f) => {
      if (f.state && f.state !== this.live) {
        if (!this.live || f.state.lastEventId !== this.live.lastEventId) for (const c of f.state.recentCalls) this.remember(c, false);
        this.live = f.state;
        for (const check of [...this.onLive]) check();
      }
      this.status = f.status;
    });
  }

  private remember(ticket: TicketView, persist = true): void {
    const known = this.tickets[ticket.id];
    // Events arrive in order, but a recent-calls list may hold an older view: keep the newer.
    if (known && !persist && (known.finishedAt ?? known.startedAt ?? known.calledAt ?? 0) > (ticket.finishedAt ?? ticket.startedAt ?? ticket.calledAt ?? 0)) return;
    this.tickets = { ...this.tickets, [ticket.id]: ticket };
    this.now = Date.now() + this.offset;
    const mine = !!ticket.windowId && ticket.windowId === this.window?.id && (ticket.status === 'called' || ticket.status === 'serving');
    if (this.session && persist && mine) saveSession({ ...this.session, current: ticket }, this.storage);
  }

  get me(): string | undefined {
    return this.session?.staff.id;
  }

  /** The window where this staffer is signed in (from the live state, so a reload finds it). */
  get window(): WindowView | undefined {
    const me = this.me;
    return me ? this.live?.windows.find((w) => w.postA === me || w.postB === me) : undefined;
  }

  get windowInfo(): WindowInfo | undefined {
    const id = this.window?.id;
    return id ? this.hall?.windows.find((w) => w.id === id) : undefined;
  }

  get myPost(): 'A' | 'B' | undefined {
    const w = this.window;
    return !w ? undefined : w.postA === this.me ? 'A' : 'B';
  }

  /** Why I am away (paused), if I am. */
  get myAway(): AwayReason | undefined {
    const w = this.window;
    return !w ? undefined : this.myPost === 'A' ? w.awayA : w.awayB;
  }

  get current(): TicketView | undefined {
    const w = this.window;
    if (!w?.ticketId) return undefined;
    return this.tickets[w.ticketId] ?? (w.ticketNumber ? ({ id: w.ticketId, number: w.ticketNumber, serviceId: '', priority: 'normal', status: w.state === 'serving' ? 'serving' : 'called', issuedAt: 0, recalls: 0, noShows: 0, transfers: 0 } as TicketView) : undefined);
  }

  /** My posts, as windows to sign in at. */
  get posts(): { window: WindowInfo; post: 'A' | 'B' }[] {
    const hall = this.hall;
    const staff = hall?.staff.find((s) => s.id === this.me);
    if (!hall || !staff) return [];
    return staff.posts.flatMap((p) => {
      const w = hall.windows.find((x) => x.number === p.window);
      return w ? [{ window: w, post: p.post }] : [];
    });
  }

  /** The next few tickets this window will call, in call-next's order. */
  get upcoming(): TicketView[] {
    const w = this.windowInfo;
    if (!w || !this.live || !this.hall) return [];
    return waitingOrder(this.live.waiting, { windowId: w.id, tiers: w.tiers, classOrder: this.hall.classOrder, ageingMinutes: this.hall.ageingMinutes }, this.now);
  }

  /** What each button may do now (the hub decides; this only spares pointless presses). */
  get can(): Record<Action, boolean> {
    const w = this.window;
    const away = !!this.myAway;
    const state = w?.state;
    const free = !!w && !w.ticketId;
    return {
      'call-next': !!w && !away && state === 'idle',
      recall: !away && state === 'called',
      start: !away && state === 'called',
      complete: !away && state === 'serving',
      'no-show': !away && state === 'called',
      transfer: !away && (state === 'called' || state === 'serving'),
      away: !!w && !!this.me && awayRefusal(w, this.me) === null,
      back: !!w && !!this.me && backRefusal(w, this.me) === null,
      'sign-in': !w,
      'sign-out': free,
    };
  }

  say(kind: Message['kind'], text: string): void {
    this.message = { kind, text };
  }

  openPicker(kind: PickerKind): void {
    const need: Record<PickerKind, Action> = { outcome: 'complete', away: 'away', transfer: 'transfer', 'sign-out': 'sign-out' };
    if (this.busy) return;
    if (!this.can[need[kind]]) {
      this.explainDisabled(need[kind]);
      return;
    }
    this.picker = kind;
  }

  closePicker(): void {
    this.picker = null;
  }

  /** A shortcut for a button that cannot act now: say why instead of doing nothing. */
  explainDisabled(action: Action): void {
    const w = this.window;
    if (this.myAway) return this.say('error', t('refusal.staff_away'));
    if (action === 'call-next' && w?.ticketId) return this.say('error', t('refusal.window_busy'));
    if (action === 'call-next' && w?.state === 'paused') return this.say('error', t('refusal.window_paused'));
    if (!w?.ticketId && action !== 'away' && action !== 'sign-out') return this.say('error', t('refusal.no_current_ticket'));
    if (w?.ticketId && (action === 'away' || action === 'sign-out')) return this.say('error', t('refusal.window_busy'));
    this.say('error', t('refusal.bad_state'));
  }

  signIn(windowId: string, post: 'A' | 'B'): Promise<void> {
    return this.act('sign-in', { post }, windowId);
  }

  complete(outcome: Outcome): Promise<void> {
    this.picker = null;
    return this.act('complete', { outcome });
  }

  away(reason: AwayReason): Promise<void> {
    this.picker = null;
    return this.act('away', { reason });
  }

  transfer(to: { toWindowId: string } | { toServiceId: string }): Promise<void> {
    this.picker = null;
    return this.act('transfer', to);
  }

  signOut(): Promise<void> {
    this.picker = null;
    return this.act('sign-out');
  }

  /**
   * One press of a window button: one request (its id reused on retry), nothing else while it is
   * in flight, so a double press cannot call two tickets.
   */
  async act(action: Action, body: Record<string, unknown> = {}, windowId = this.window?.id): Promise<void> {
    if (this.busy || !this.session || !windowId) return;
    if (action !== 'sign-in' && !this.can[action]) return this.explainDisabled(action);
    this.busy = action;
    try {
      const r = await press<{ ticket?: TicketView; window?: WindowView }>(`/api/windows/${encodeURIComponent(windowId)}/${action}`, this.session.token, body);
      if (r.status === 204) {
        this.say('info', t('refusal.empty'));
        return;
      }
      const ticket = r.body?.ticket;
      if (ticket) this.remember(ticket);
      this.say('ok', t(`counter.done.${action}`, { number: ticket?.number ?? '' }));
      // Hold the buttons until the live state shows the change (it follows within milliseconds).
      if (r.body?.window) await this.settled(r.body.window);
    } catch (err) {
      if (err instanceof Refused && err.status === 401) {
        this.forget();
        return;
      }
      this.say('error', refusalText(err));
    } finally {
      this.busy = null;
    }
  }

  private settled(target: WindowView, ms = 1500): Promise<void> {
    const same = () => {
      const w = this.live?.windows.find((x) => x.id === target.id);
      return !!w && w.state === target.state && w.ticketId === target.ticketId && w.postA === target.postA && w.postB === target.postB && w.awayA === target.awayA && w.awayB === target.awayB;
    };
    // Released in the same turn as the live state shows the change: a key pressed the moment the
    // new ticket appears is not lost to a still-held button.
    return new Promise((resolve) => {
      const done = () => {
        this.onLive.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const check = () => same() && done();
      const timer = setTimeout(done, ms);
      this.onLive.add(check);
      check();
    });
  }
}
