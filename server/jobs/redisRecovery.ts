/**
 * Checking a hall against the archive when Redis may have lost its latest writes: a cluster master
 * failed over to a replica that had not received them yet (Redis replication is asynchronous), or
 * a single Redis came back from an append-only file that lacked its last second. Redis then holds
 * an earlier, consistent state of the hall; new events written on top of it would take ids the
 * archive already gave to other events. So the hub holds the hall's writes (HallStore.holdWrites)
 * until it has compared Redis's last event id with the archive's checkpoint, and rebuilt the live
 * day from the archive (commands/rebuildDay.ts) when Redis is behind. Events made after the last
 * archived one are lost with the old master: the archiver follows the stream within a second, so
 * that is at most its lag. Every check that found Redis behind is kept in `recoveries`, and logged.
 */
import { rebuildDay, type RebuildResult } from '../commands/rebuildDay.js';
import type { WiredContext } from '../commands/context.js';
import type { ArchiveDb } from '../store/archive/database.js';
import type { ArchiveStore } from '../store/archive/archiveStore.js';

export interface Recovery {
  hallId: string;
  /** Why the hall was checked (a cluster node left, Redis reconnected, the hub started). */
  cause: string;
  /** Redis's last event id when the check found it behind. */
  redisLastId: number;
  /** The archive's last event id: what the rebuild brings back. */
  archivedLastId: number;
  rebuilt: boolean;
  at: number;
}

export interface RedisRecoveryOptions {
  ctx: WiredContext;
  archive: ArchiveStore;
  db: ArchiveDb;
  /** The longest a hall's writes wait for its check (default 15 s); past it they go on, and the archiver's own check remains. */
  holdMs?: number;
  log?: (message: string) => void;
}

export class RedisRecovery {
  readonly recoveries: Recovery[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly o: RedisRecoveryOptions) {}

  /** Compare one hall with the archive and rebuild it when Redis is behind; a check already running is joined. */
  checkHall(hallId: string, cause: string): Promise<void> {
    const running = this.running.get(hallId);
    if (running) return running;
    const check = this.check(hallId, cause).finally(() => this.running.delete(hallId));
    this.running.set(hallId, check);
    return check;
  }

  /** Hold every hall's writes until each is checked (retrying while Redis is still failing over). */
  recheckAll(cause: string): void {
    const holdMs = this.o.holdMs ?? 15_000;
    for (const hall of this.o.ctx.halls.all()) {
      const deadline = Date.now() + holdMs;
      const attempt = async (): Promise<void> => {
        for (;;) {
          try {
            return await this.checkHall(hall.id, cause);
          } catch (err) {
            if (Date.now() > deadline) {
              this.o.log?.(`[recovery] ${hall.id}: not checked within ${holdMs} ms (${err instanceof Error ? err.message : String(err)}); writes go on, the archiver checks again`);
              return;
            }
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      };
      this.o.ctx.store.holdWrites(hall.id, attempt());
    }
  }

  private async check(hallId: string, cause: string): Promise<void> {
    const archived = (await this.o.archive.checkpoint(hallId)).lastId;
    const redisLastId = await this.o.ctx.store.lastEventId(hallId);
    if (redisLastId >= archived) return;
    const r: RebuildResult = await rebuildDay(this.o.ctx, this.o.db, { hallId });
    const rebuilt = r.ok && r.rebuilt;
    this.recoveries.push({ hallId, cause, redisLastId, archivedLastId: archived, rebuilt, at: Date.now() });
    if (!r.ok) this.o.log?.(`[recovery] ${hallId}: Redis holds events to ${redisLastId}, the archive to ${archived} (${cause}); rebuild refused: ${r.reason}`);
    else if (rebuilt) this.o.log?.(`[recovery] ${hallId}: Redis held events to ${redisLastId}, the archive to ${archived} (${cause}): ${archived - redisLastId} event(s) rebuilt from the archive (${r.tickets} tickets, ${r.waiting} waiting, ${r.staff} signed in)`);
  }
}
