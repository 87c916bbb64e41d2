import type { Outcome } from '../domain/ticket.js';
import type { Result } from '../store/hallStore.js';
import type { CommandContext } from './context.js';
import { randomToken } from './randomToken.js';
import { atWindow, type TicketAtWindow, type WindowProps } from './windowOperation.js';

export interface CompleteProps extends WindowProps {
  outcome: Outcome;
}

/**
 * Handling is over (办结 / 受理 / 一次性告知 / 咨询 / 代办). The ticket gets a rating token: the
 * citizen's pad and phone rate with it, so staff cannot rate on the citizen's behalf.
 */
export function completeTicket(ctx: CommandContext, props: CompleteProps): Promise<Result<TicketAtWindow>> {
  return atWindow(ctx, 'complete', props, () => ({
    outcome: props.outcome,
    rateToken: randomToken(),
  }));
}
