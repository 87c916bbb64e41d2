/**
 * Open the 差评 case of a rating of 1 or 2 (§7 bad_review). Called for every `ticket.rated` event
 * every hub's relay delivers, and at start for the archive's bad ratings with no case (a hub that
 * died between the rating and its delivery): the store's insert is keyed on the ticket, so the
 * case opens once however often it is asked. Ratings of 3–5 open nothing.
 */
import { caseIdOf, foldCase, openingStep, type BadReviewCase, type CaseOpening } from '../../domain/cases/badReview.js';
import type { Rating } from '../../events.js';
import { caseClockOf, type CaseworkContext } from './caseworkContext.js';

export interface RatedTicket {
  hallId: string;
  /** When the citizen rated (the event's time). */
  ratedAt: number;
  rating: Pick<Rating, 'ticketId' | 'ticketNumber' | 'serviceId' | 'windowId' | 'staffId' | 'level' | 'reasons' | 'comment'>;
}

/** The case when this call opened it; undefined when the rating is not bad or its case was open already. */
export async function openCase(ctx: CaseworkContext, r: RatedTicket): Promise<BadReviewCase | undefined> {
  const { rating } = r;
  if (rating.level !== 1 && rating.level !== 2) return undefined;
  const hall = ctx.halls.get(r.hallId);
  if (!hall) return undefined;
  const opening: CaseOpening = {
    caseId: caseIdOf(rating.ticketId), hallId: hall.id, ticketId: rating.ticketId, ticketNumber: rating.ticketNumber, serviceId: rating.serviceId,
    windowId: rating.windowId, staffId: rating.staffId, level: rating.level, reasons: rating.reasons ?? [], ...(rating.comment ? { comment: rating.comment } : {}),
    ratedAt: r.ratedAt,
  };
  // The clock starts at the rating, whenever the case is written.
  const c = foldCase(opening, [openingStep(opening, r.ratedAt, caseClockOf(hall))]);
  if (!(await ctx.cases.open(c, ctx.clock()))) return undefined;
  ctx.caseChanged?.(c);
  return c;
}
