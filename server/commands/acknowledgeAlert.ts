import type { Result } from '../store/hallStore.js';
import { refuse, type CommandContext } from './context.js';

export interface AcknowledgeAlertProps {
  hallId: string;
  alertId: string;
  /** The manager's 工号. */
  by: string;
  /** What they did or will do about it (≤ 200 characters). */
  note?: string;
  requestId?: string;
}

/**
 * A manager acknowledges an alert (已知悉): who, when (the event's time) and a note, once per alert,
 * whether its cause still holds or has ended. The alert itself still resolves only when its cause ends.
 */
export async function acknowledgeAlert(ctx: CommandContext, props: AcknowledgeAlertProps): Promise<Result<{ acknowledged?: boolean }>> {
  if (!ctx.halls.get(props.hallId)) return refuse('unknown_hall');
  return ctx.store.exec('alert', props.hallId, ctx.clock(), props.requestId, {
    op: 'ack',
    alertId: props.alertId,
    by: props.by,
    ...(props.note ? { note: props.note } : {}),
  });
}
