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
import { roleHome } from '../lib/roleHome.js';
import { waitingOrder } from './waitingOrder.js';
import { awayRefusal, backRefusal } from '../../server/domain/duty.js';

export type Action = 'call-next' | 'recall' | 'start' | 'complete' | 'no-show' | 'transfer' | 'away' | 'back' | 'sign-in' | 'sign-out';
export type PickerKind = 'outcome' | 'away' | 'transfer' | 'sign-out';
/** Where a transfer goes, and how the desk names it ("3号窗口 / 社保医保卫健"). */
export interface TransferTarget {
  to: { toWindowId: string } | { toServiceId: string };
  label: string;
}
export interface Message {
  kind: 'ok' | 'info' | 'error';
  text: string;
}

/** What the login says to a refusal: attempts left, or when to try again (from the hub's answer). */
export function loginRefusal(status: number, body: { error?: string; attemptsLeft?: number; retryAfterSeconds?: number } | undefined): string {
  const minutes = Math.max(1, Math.ceil((body?.retryAfterSeconds ?? 900) / 60));
  if (status === 401 && body?.attemptsLeft === 0) return t('counter.login.wrongNoneLeft', { minutes });
  if (status === 401) return body?.attemptsLeft === undefined ? t('counter.login.wrong') : t('counter.login.wrongLeft', { count: body.attemptsLeft });
  if (status === 429) return t('counter.login.tooMany', { minutes });
  return refusalText(new Refused(status, body?.error ?? '', ''));
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
  /** The transfer target chosen and awaiting confirmation (the transfer picker's second step). */
  transferTarget = $state<TransferTarget | null>(null);
  now = $state(Date.now());
  loginError = $state<string | null>(null);
  /** 我的考勤, open over the desk (the desk's keys rest meanwhile). */
  month = $state<MyMonth | null>(null);
  /** The hub answered live_elsewhere: the login waits for the staffer's yes (takeover) or no. */
  takeoverAsk = $state<{ username: string; password: string } | null>(null);
  /** Why this terminal is back at the login (another terminal took the desk over). */
  loginNotice = $state<string | null>(null);
  /**
   * Hub clock minus this PC's clock. Tickets carry the hub's times; a counter PC's clock is often
   * minutes off, which would make every wait and handling time wrong by as much.
   */
  private offset = 0;
  private feed: HallFeed<'full'> | null = null;
  /** Checks run each time the live state changes (a press waits for its change to show). */
  private onLive = new Set<() => void>();
  private ticking: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly storage: Storage = sessionStorage,
    /** Leave the counter for another page (a manager's login goes to the desk); tests replace it. */
    readonly goTo: (path: string) => void = (path) => location.assign(path),
  ) {}

  /** Resume a session kept in this tab, if the hub still knows its token. */
  async start(): Promise<void> {
    this.ticking = setInterval(() => (this.now = Date.now() + this.offset), 1000);
    const saved = loadSession(this.storage);
    if (!saved) return;
    if (saved.staff.role !== 'staff') return this.goTo(roleHome(saved.staff.role));
    try {
      const me = await api('GET', '/api/me', { token: saved.token });
      if (me.status === 401) return this.forget(me.body?.error === 'taken_over');
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

  async login(username: string, password: string, takeover = false): Promise<void> {
    this.loginError = null;
    this.takeoverAsk = null;
    let r;
    try {
      r = await api('POST', '/api/login', { body: { username, password, ...(takeover ? { takeover } : {}) } });
    } catch {
      this.loginError = t('refusal.network');
      return;
    }
    if (r.status === 409 && r.body?.error === 'live_elsewhere') {
      this.takeoverAsk = { username, password };
      return;
    }
    if (r.status !== 200) {
      this.loginError = loginRefusal(r.status, r.body);
      return;
    }
    this.loginNotice = null;
    this.session = { token: r.body.token, staff: r.body.staff };
    saveSession(this.session, this.storage);
    // A manager, admin or inspector has no window: their own page, with this session.
    if (r.body.staff.role !== 'staff') {
      this.goTo(roleHome(r.body.staff.role));
      return;
    }
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

  /** The staffer's answer to 该工号正在另一台终端使用，是否在此登录？ */
  answerTakeover(yes: boolean): Promise<void> {
    const ask = this.takeoverAsk;
    this.takeoverAsk = null;
    return yes && ask ? this.login(ask.username, ask.password, true) : Promise.resolve();
  }

  /** Log out of this tab (the window sign-in stays: 签退 is its own action). */
  logout(): void {
    const token = this.session?.token;
    this.forget();
    // End the session at the hub too; the tab forgets the token even if the hub cannot be reached.
    if (token) void api('POST', '/api/logout', { token }).catch(() => {});
  }

  /** Back to the login; `takenOver`: because another terminal logged in as this staffer. */
  private forget(takenOver = false): void {
    if (takenOver) this.loginNotice = t('counter.login.takenOver');
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
      view: 'full',
      onEvent: (e) => {
        if ('ticket' in e) this.remember(e.ticket);
      },
      onRefused: (code) => {
        if (code === 'unauthorized' || code === 'taken_over') this.forget(code === 'taken_over');
      },
      onSessionEnded: (reason) => this.forget(reason === 'taken_over'),
      // An admin's edit (names, tiers, services) shows without logging in again.
      onConfig: () => void this.reloadHall(),
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

  private async reloadHall(): Promise<void> {
    const hallId = this.session?.staff.hallId;
    if (!hallId) return;
    const r = await api<HallInfo>('GET', `/api/halls/${encodeURIComponent(hallId)}`).catch(() => null);
    if (r?.status === 200 && this.session?.staff.hallId === hallId) this.hall = r.body;
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
    this.transferTarget = null;
  }

  /** The transfer's first step: a target is chosen; nothing is sent until it is confirmed. */
  chooseTransfer(target: TransferTarget): void {
    if (this.picker === 'transfer') this.transferTarget = target;
  }

  /** Back from the confirmation to the choice, nothing sent. */
  cancelTransfer(): void {
    this.transferTarget = null;
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

  /** The transfer's second step: send the confirmed target. */
  transfer(): Promise<void> {
    const target = this.transferTarget;
    this.closePicker();
    if (!target) return Promise.resolve();
    return this.act('transfer', target.to, this.window?.id, { target: target.label });
  }

  signOut(): Promise<void> {
    this.picker = null;
    return this.act('sign-out');
  }

  /**
   * One press of a window button: one request (its id reused on retry), nothing else while it is
   * in flight, so a double press cannot call two tickets.
   */
  async act(action: Action, body: Record<string, unknown> = {}, windowId = this.window?.id, words: Record<string, string> = {}): Promise<void> {
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
      this.say('ok', t(`counter.done.${action}`, { ...words, number: ticket?.number ?? '' }));
      // Hold the buttons until the live state shows the change (it follows within milliseconds).
      if (r.body?.window) await this.settled(r.body.window);
    } catch (err) {
      if (err instanceof Refused && err.status === 401) {
        this.forget(err.code === 'taken_over');
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
