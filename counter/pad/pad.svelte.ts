/**
 * The rating pad's one store. Paired to one window by the device token in its address: at rest
 * it shows who serves at the window; when a ticket is completed there (ticket.completed on its
 * window feed) it asks the hub what to rate (the rateToken never travels in broadcast events) and
 * asks the citizen. Unrated after the hall's ratingTimeoutSeconds it returns to rest; the ticket
 * stays rateable from the phone. A touch restarts the countdown: someone is there.
 */
import { HallFeed, type FeedStatus } from '../../display/lib/hallFeed.js';
import { t } from '../../display/lib/i18n/index.js';
import type { WindowSnapshot, WindowView } from '../../server/protocol.js';
import type { HallInfo, StaffInfo, WindowInfo } from '../lib/hall.js';
import { api, press, Refused } from '../lib/http.js';
import { refusalText } from '../lib/refusal.js';
import type { RatingChoice, RatingRequest } from './padTypes.js';

export type PadMode = 'boot' | 'refused' | 'rest' | 'asking' | 'thanks' | 'notice';

export class Pad {
  mode = $state<PadMode>('boot');
  problem = $state<string | null>(null);
  hall = $state<HallInfo | null>(null);
  windowId = $state<string | null>(null);
  reasons = $state<string[]>([]);
  timeoutSeconds = $state(60);
  live = $state<WindowSnapshot | null>(null);
  status = $state<FeedStatus>('connecting');
  request = $state<RatingRequest | null>(null);
  deadline = $state(0);
  now = $state(Date.now());
  busy = $state(false);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  private token: string | null = null;
  private feed: HallFeed<'window'> | null = null;
  private ticking: ReturnType<typeof setInterval> | undefined;
  private backToRest: ReturnType<typeof setTimeout> | undefined;

  async start(search = location.search): Promise<void> {
    this.token = new URLSearchParams(search).get('token');
    if (!this.token) return this.refuse(t('pad.noToken'));
    for (;;) {
      try {
        const me = await api('GET', '/api/me', { token: this.token });
        if (me.status === 401 || me.status === 403) return this.refuse(t('connection.refused'));
        if (me.status !== 200) throw new Error(`HTTP ${me.status}`);
        if (me.body.kind !== 'device' || me.body.device !== 'pad' || !me.body.windowId) return this.refuse(t('pad.notAPad'));
        const [hall, options] = await Promise.all([api<HallInfo>('GET', `/api/halls/${encodeURIComponent(me.body.hallId)}`), api('GET', `/api/halls/${encodeURIComponent(me.body.hallId)}/rating-options`)]);
        if (hall.status !== 200 || options.status !== 200) throw new Error('hall');
        this.hall = hall.body;
        this.windowId = me.body.windowId;
        this.reasons = options.body.reasons;
        this.timeoutSeconds = options.body.timeoutSeconds;
        break;
      } catch {
        this.status = 'offline';
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
    this.mode = 'rest';
    this.ticking = setInterval(() => this.tick(), 1000);
    this.feed = new HallFeed({
      auth: { token: this.token },
      view: 'window',
      onEvent: (e) => {
        if (e.type === 'ticket.completed' && e.window?.id === this.windowId) void this.fetchRequest();
        if (e.type === 'ticket.rated' && e.ticket?.id === this.request?.ticket.id && this.mode === 'asking') this.finish('thanks');
      },
      onRefused: () => this.refuse(t('connection.refused')),
    });
    this.feed.subscribe((f) => {
      this.live = f.state;
      this.status = f.status;
    });
    // A reload while the citizen was being asked asks again.
    await this.fetchRequest();
  }

  stop(): void {
    clearInterval(this.ticking);
    clearTimeout(this.backToRest);
    this.feed?.close();
  }

  private refuse(reason: string): void {
    this.mode = 'refused';
    this.problem = reason;
  }

  get window(): WindowView | undefined {
    return this.live?.windowId === this.windowId ? this.live.window : undefined;
  }

  get windowInfo(): WindowInfo | undefined {
    return this.hall?.windows.find((w) => w.id === this.windowId);
  }

  /** The window's state, for the rest screen's words when nobody serves (暂未开放 or 暂停服务). */
  get windowState(): 'closed' | 'paused' | 'open' {
    const s = this.window?.state;
    return !s || s === 'closed' ? 'closed' : s === 'paused' ? 'paused' : 'open';
  }

  /** Who serves at the window now (A, or B covering), for the rest screen. */
  get onDuty(): { staff: StaffInfo; post: 'A' | 'B'; covering: boolean } | undefined {
    const w = this.window;
    const staff = w?.onDuty ? this.hall?.staff.find((s) => s.id === w.onDuty) : undefined;
    if (!w || !staff) return undefined;
    return { staff, post: w.onDuty === w.postA ? 'A' : 'B', covering: w.covering };
  }

  get secondsLeft(): number {
    return Math.max(0, Math.ceil((this.deadline - this.now) / 1000));
  }

  async fetchRequest(): Promise<void> {
    if (!this.token || !this.windowId) return;
    try {
      const r = await api<RatingRequest>('GET', `/api/windows/${encodeURIComponent(this.windowId)}/rating-request`, { token: this.token });
      if (r.status === 200 && r.body.rateToken && r.body.ticket.id !== this.request?.ticket.id) this.ask(r.body);
    } catch {
      /* offline: the next completion asks again */
    }
  }

  ask(request: RatingRequest): void {
    clearTimeout(this.backToRest);
    this.request = request;
    this.error = null;
    this.notice = null;
    this.busy = false;
    this.now = Date.now();
    this.deadline = this.now + request.remainingMs;
    this.mode = 'asking';
  }

  /** The citizen touched the pad: give them the full time again. */
  touch(): void {
    if (this.mode !== 'asking') return;
    this.now = Date.now();
    this.deadline = Math.max(this.deadline, this.now + this.timeoutSeconds * 1000);
  }

  tick(): void {
    this.now = Date.now();
    if (this.mode === 'asking' && !this.busy && this.now >= this.deadline) this.rest();
  }

  rest(): void {
    clearTimeout(this.backToRest);
    this.mode = 'rest';
    this.error = null;
    this.notice = null;
  }

  private finish(mode: 'thanks' | 'notice', ms = 4000): void {
    this.mode = mode;
    clearTimeout(this.backToRest);
    this.backToRest = setTimeout(() => this.rest(), ms);
  }

  async submit(choice: RatingChoice): Promise<void> {
    const req = this.request;
    if (!req || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await press(`/api/tickets/${encodeURIComponent(req.ticket.id)}/rating`, this.token!, {
        level: choice.level,
        rateToken: req.rateToken,
        ...(choice.reasons.length ? { reasons: choice.reasons } : {}),
        ...(choice.comment ? { comment: choice.comment } : {}),
      });
      this.finish('thanks');
    } catch (err) {
      if (err instanceof Refused && (err.code === 'already_rated' || err.code === 'unknown_ticket')) {
        this.notice = refusalText(err);
        this.finish('notice');
      } else {
        this.error = refusalText(err);
      }
    } finally {
      this.busy = false;
    }
  }
}
