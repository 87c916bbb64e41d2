/**
 * Rebuild a hall's live day from the archive after Redis lost it (flushed, replaced, restored
 * from an old backup): queues, windows, numbering, who is signed in, recent calls and today's
 * events. Run at hub start for every hall whose Redis stands behind the archive, by the archiver
 * when it notices, and by `npm run rebuild -- --hall <id>`. Only what was archived comes back:
 * what happened after the last archived event is gone with the Redis that held it, and the
 * result says how many such events the lost Redis had made over the archive (when it still
 * counted them).
 */
import { planLiveDay } from '../domain/liveDay.js';
import type { ArchiveDb } from '../store/archive/database.js';
import { readArchivedDay } from '../store/archive/archivedDay.js';
import { refuse, type CommandContext } from './context.js';
import type { Refusal } from '../protocol.js';

export interface RebuildProps {
  hallId: string;
  /** Write even when Redis holds as many events as the archive (an operator's explicit rebuild). */
  force?: boolean;
}

export type RebuildResult =
  | { ok: true; rebuilt: boolean; lastEventId: number; previousLastEventId: number; tickets: number; waiting: number; windows: number; staff: number }
  | Refusal;

export async function rebuildDay(ctx: CommandContext, archive: ArchiveDb, props: RebuildProps): Promise<RebuildResult> {
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return refuse('unknown_hall', props.hallId);
  const archived = await readArchivedDay(archive, hall.id, hall.businessDay(ctx.clock()));
  const plan = planLiveDay(archived);
  const result = await ctx.store.restore(
    plan,
    { services: hall.serviceIds(), classes: hall.classes, windowIds: hall.windowIds(), staffIds: [...hall.staff.keys()] },
    props.force ?? false,
  );
  // Windows the archive never saw (configured since, or never opened) exist again, closed.
  if (result.restored) await ctx.store.initWindows(hall.id, hall.windowIds().map((id) => ({ id, number: hall.windows.get(id)!.number })));
  return {
    ok: true,
    rebuilt: result.restored,
    lastEventId: plan.lastEventId,
    previousLastEventId: result.previousLastEventId,
    tickets: plan.tickets.length,
    waiting: plan.tickets.filter((t) => t.waitsIn).length,
    windows: plan.windows.length,
    staff: plan.staff.length,
  };
}
