/**
 * The phone tracker's one store: the citizen's ticket as the hub tells its holder
 * (`GET /api/tickets/:id?token=`), kept fresh by a ticket-scoped HallFeed — the hub puts the phone
 * in its ticket's room and its service's queue room, so every call in that queue arrives — and
 * by a slow poll for a phone whose socket slept. When the ticket is called (or recalled) the
 * phone chimes and vibrates; after completion it offers the rating (channel `qr`).
 */
import type { CitizenTicketView, RatingLevel, RatingOptions } from '../../server/protocol.js';

/** The citizen's ticket as the hub shows its holder (one declaration: server/protocol.ts). */
export type CitizenTicket = CitizenTicketView;
export type { RatingOptions };
import { isBadReview, MAX_COMMENT, ratingLevels } from '../../server/domain/ratingRules.js';
import { HallFeed, type FeedStatus } from '../lib/hallFeed.js';
import { HubError, hubFetch, newRequestId, problemText } from '../kiosk/client.js';

export type RatingState = 'idle' | 'sending' | 'sent' | 'already' | 'failed';

/** Events arrive in bursts (a call is a window change and a queue change): ask once per burst. */
const DEBOUNCE_MS = 250;
const POLL_MS = 30_000;
const VIBRATION = [400, 150, 400, 150, 800];
const ratedKey = (ticketId: string) => `yc-rated:${ticketId}`;

declare global {
  interface Window {
    /** For end-to-end tests: how often this page alerted its holder. */
    __tracker?: { alerts: number; chimes: number; vibrations: number };
  }
}

export class Tracker {
  phase = $state<'loading' | 'notFound' | 'ready'>('loading');
  ticket = $state.raw<CitizenTicket | null>(null);
  feedStatus = $state<FeedStatus>('connecting');
  soundOn = $state(false);
  /** The last alert (call or recall), for the screen's flash. */
  alertedAt = $state(0);
  rating = $state<RatingState>('idle');
  ratingError = $state('');
  ratingOptions = $state.raw<RatingOptions | null>(null);
  cancelError = $state('');
  /** The hall's zone, for the issue time (the phone may be set to any zone). */
  timeZone = $state('Asia/Shanghai');

  private ticketId = '';
  private token = '';
  private feed: HallFeed<'ticket'> | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private readonly chime: HTMLAudioElement;
  private readonly stats = { alerts: 0, chimes: 0, vibrations: 0 };
  private onVisible = () => {
    if (document.visibilityState === 'visible') void this.refresh();
  };

  constructor() {
    this.chime = new Audio('/voice/zh-CN/chime.wav');
    this.chime.preload = 'auto';
    window.__tracker = this.stats;
  }

  async start(ticketId: string | null, token: string | null): Promise<void> {
    if (!ticketId || !token) {
      this.phase = 'notFound';
      return;
    }
    this.ticketId = ticketId;
    this.token = token;
    if (localStorage.getItem(ratedKey(ticketId))) this.rating = 'sent';
    await this.refresh();
    if (this.phase !== 'ready') return;
    void hubFetch<{ timeZone: string }>(`/api/halls/${encodeURIComponent(this.ticket!.hallId)}`).then(
      (hall) => (this.timeZone = hall.timeZone),
      () => {},
    );
    this.feed = new HallFeed({
      auth: { ticketId, trackToken: token },
      view: 'ticket',
      onRefused: () => void this.refresh(),
      onEvent: (event) => {
        const mine = event.ticket?.id === this.ticketId;
        if (mine && event.type === 'ticket.recalled') this.alert();
        this.refreshSoon(mine ? 0 : DEBOUNCE_MS);
      },
    });
    // A (re)connect brings a snapshot or the missed events: the position may have moved meanwhile.
    let lastStatus: FeedStatus = 'connecting';
    this.feed.subscribe((feed) => {
      if (feed.status === 'live' && lastStatus !== 'live') this.refreshSoon(0);
      lastStatus = feed.status;
      this.feedStatus = feed.status;
    });
    this.poll = setInterval(() => void this.refresh(), POLL_MS);
    document.addEventListener('visibilitychange', this.onVisible);
  }

  stop(): void {
    clearTimeout(this.debounce);
    clearInterval(this.poll);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.feed?.close();
  }

  /** A tap on "开启叫号提醒": browsers play sound only after a gesture, so the page asks for one. */
  enableSound(): void {
    this.chime.muted = true;
    void this.chime
      .play()
      .then(() => {
        this.chime.pause();
        this.chime.currentTime = 0;
      })
      .catch(() => {})
      .finally(() => (this.chime.muted = false));
    this.soundOn = true;
  }

  async refresh(): Promise<void> {
    try {
      const next = await hubFetch<CitizenTicket>(`/api/tickets/${encodeURIComponent(this.ticketId)}?token=${encodeURIComponent(this.token)}`);
      const before = this.ticket;
      this.ticket = next;
      this.phase = 'ready';
      if (before && before.status !== 'called' && next.status === 'called') this.alert();
      if (next.status === 'done' && next.rateToken && !this.ratingOptions) void this.loadRatingOptions(next.hallId);
    } catch (err) {
      if (err instanceof HubError && err.status === 404) {
        if (!this.ticket) this.phase = 'notFound';
      }
      // A network error keeps what is shown; the feed's marker says the page is offline.
    }
  }

  private refreshSoon(ms: number): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), ms);
  }

  private alert(): void {
    this.stats.alerts++;
    this.alertedAt = Date.now();
    this.chime.currentTime = 0;
    void this.chime.play().then(
      () => void this.stats.chimes++,
      () => {},
    );
    if (typeof navigator.vibrate === 'function' && navigator.vibrate(VIBRATION)) this.stats.vibrations++;
  }

  async cancel(): Promise<void> {
    this.cancelError = '';
    try {
      await hubFetch(`/api/tickets/${encodeURIComponent(this.ticketId)}/cancel`, { method: 'POST', body: { token: this.token, requestId: newRequestId('cancel') } });
      await this.refresh();
    } catch (err) {
      this.cancelError = problemText(err);
    }
  }

  private async loadRatingOptions(hallId: string): Promise<void> {
    try {
      this.ratingOptions = await hubFetch<RatingOptions>(`/api/halls/${encodeURIComponent(hallId)}/rating-options`);
    } catch {
      // Without the hall's list the form still rates, by the same rules; no reason can be offered
      // (the hub then refuses a bad review, and says why). The phone never times out.
      this.ratingOptions = { levels: [...ratingLevels], badLevels: ratingLevels.filter(isBadReview), reasons: [], timeoutSeconds: 0, maxComment: MAX_COMMENT };
    }
  }

  /** POST /api/tickets/:id/rating with the ticket's rateToken; no session: the hub records channel `qr`. */
  async rate(level: RatingLevel, reasons: string[], comment: string): Promise<void> {
    const rateToken = this.ticket?.rateToken;
    if (!rateToken || this.rating === 'sending') return;
    this.rating = 'sending';
    this.ratingError = '';
    try {
      const trimmed = comment.trim();
      await hubFetch(`/api/tickets/${encodeURIComponent(this.ticketId)}/rating`, {
        method: 'POST',
        body: { level, ...(reasons.length ? { reasons } : {}), ...(trimmed ? { comment: trimmed } : {}), rateToken, requestId: newRequestId('rate') },
      });
      this.rating = 'sent';
      localStorage.setItem(ratedKey(this.ticketId), String(level));
    } catch (err) {
      if (err instanceof HubError && err.code === 'already_rated') {
        this.rating = 'already';
        localStorage.setItem(ratedKey(this.ticketId), 'already');
      } else {
        this.rating = 'failed';
        this.ratingError = problemText(err);
      }
    }
  }
}
