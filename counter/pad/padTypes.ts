import type { RatingLevel, RatingRequestView } from '../../server/protocol.js';

/** What the citizen chose on the pad. */
export interface RatingChoice {
  level: RatingLevel;
  reasons: string[];
  comment: string;
}

/** GET /api/windows/:windowId/rating-request: the ticket to rate now, with its token (the wire's type). */
export type RatingRequest = RatingRequestView;
