import type { RatingLevel, TicketView } from '../../server/protocol.js';

/** What the citizen chose on the pad. */
export interface RatingChoice {
  level: RatingLevel;
  reasons: string[];
  comment: string;
}

/** GET /api/windows/:windowId/rating-request: the ticket to rate now, with its token. */
export interface RatingRequest {
  ticket: TicketView;
  rateToken: string;
  expiresAt: number;
  remainingMs: number;
  serviceName: string;
  staffName?: string;
}
