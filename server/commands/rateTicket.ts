/**
 * The citizen rates a completed ticket (好差评): at the window's rating pad, or on the phone page
 * the ticket's QR code opens. Both hold the ticket's rateToken, which complete.lua set: the
 * transport lets no staff token in, so staff cannot rate on the citizen's behalf.
 * Rules (server/domain/ratingRules.ts): five levels, 5 非常满意 … 1 非常不满意; levels 1–2 are bad
 * reviews and need at least one reason from the hall's list; a ticket is rated once; a rating is
 * never edited or deleted (there is no operation for it).
 */
import type { Hall } from '../domain/hall.js';
import { MAX_COMMENT, reasonRefusal } from '../domain/ratingRules.js';
import type { HallEvent, Rating, RatingChannel, RatingLevel, TicketView } from '../protocol.js';
import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';
import { holderOf, scopedRequestId } from './requestScope.js';

export interface RateProps {
  ticketId: string;
  /** The ticket's secret from completion (pad: rating-request route; phone: the ticket view). */
  rateToken: string;
  level: RatingLevel;
  reasons?: string[];
  comment?: string;
  channel: RatingChannel;
  /** The pad's window (channel pad): it rates only tickets completed at that window. */
  windowId?: string;
  requestId?: string;
}

export type RateResult = Result<{ ticket: TicketView; rating: Rating }>;

export async function rateTicket(ctx: CommandContext, props: RateProps): Promise<RateResult> {
  const hall = ctx.halls.of(props.ticketId);
  if (!hall) return refuse('unknown_ticket');
  const reasons = [...new Set(props.reasons ?? [])];
  const refusal = reasonRefusal(props.level, reasons, hall.config.ratingReasons);
  if (refusal) return refuse(refusal, refusal === 'unknown_reason' ? reasons.find((r) => !hall.config.ratingReasons.includes(r)) : undefined);
  const payload = {
    ticketId: props.ticketId,
    rateToken: props.rateToken,
    level: props.level,
    reasons,
    comment: (props.comment ?? '').trim().slice(0, MAX_COMMENT),
    channel: props.channel,
    ...(props.channel === 'pad' ? { windowId: props.windowId } : {}),
  };
  // The rating's caller is whoever holds the ticket's rate token, at the pad or on the phone.
  const { rateToken: _secret, ...asked } = payload;
  return ctx.store.exec('rate', hall.id, ctx.clock(), scopedRequestId(`${props.channel}:${holderOf(props.rateToken)}`, props.requestId), payload, asked);
}

export interface RatingRequest {
  ticket: TicketView;
  rateToken: string;
  /** When the pad stops asking (the phone link still rates), and how long that is from now. */
  expiresAt: number;
  remainingMs: number;
}

/**
 * What the window's pad should ask the citizen to rate now: the ticket most recently completed at
 * the window, if it is unrated and was completed less than the hall's ratingTimeoutSeconds ago.
 * Read from the tail of the hall's event stream, so it needs no state of its own and survives a
 * pad reload. The `ticket.completed` event itself never carries the rateToken (screens see it).
 */
export async function ratingRequest(ctx: CommandContext, hall: Hall, windowId: string): Promise<RatingRequest | null> {
  const now = ctx.clock();
  const since = now - hall.config.rules.ratingTimeoutSeconds * 1000;
  const rated = new Set<string>();
  for await (const e of newestFirst(ctx, hall.id, since)) {
    if (e.type === 'ticket.rated' && e.ticket) rated.add(e.ticket.id);
    if (e.type !== 'ticket.completed' || e.window?.id !== windowId || !e.ticket) continue;
    if (rated.has(e.ticket.id)) return null;
    const found = await ctx.store.position(hall.id, e.ticket.id, hall, ctx.clock());
    if (!found?.rateToken) return null;
    const expiresAt = e.at + hall.config.rules.ratingTimeoutSeconds * 1000;
    return { ticket: found.ticket, rateToken: found.rateToken, expiresAt, remainingMs: Math.max(0, expiresAt - now) };
  }
  return null;
}

/** The hall's events from the newest back to `since` (ms), read in small batches. */
async function* newestFirst(ctx: CommandContext, hallId: string, since: number): AsyncGenerator<HallEvent> {
  let before: number | undefined;
  for (;;) {
    const batch = await ctx.store.eventsNewestFirst(hallId, before, 100);
    for (const e of batch) {
      if (e.at < since) return;
      yield e;
    }
    if (batch.length < 100) return;
    before = batch.at(-1)!.id;
  }
}
