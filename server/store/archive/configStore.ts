/**
 * Halls' configurations as admins edit them: one row per revision, append-only. Revision 0 is
 * the configuration file (the seed of a new hall, never stored); each edit writes the next
 * revision, and the primary key (hall, revision) makes two admins editing from the same revision
 * a conflict for the second instead of a lost update.
 */
import type { HallConfig } from '../../config.js';
import type { ConfigChange } from '../../domain/hallConfigEdit.js';
import type { ArchiveDb } from './database.js';

export interface ConfigRevision {
  hallId: string;
  revision: number;
  config: HallConfig;
  changes: ConfigChange[];
  actorId: string;
  at: number;
  note?: string;
}

export type AppendResult = { ok: true; revision: number } | { ok: false; reason: 'revision_moved'; current: number };

export class ConfigStore {
  constructor(private readonly db: ArchiveDb) {}

  /** The latest revision of a hall, or undefined while it runs on its configuration file. */
  async latest(hallId: string): Promise<ConfigRevision | undefined> {
    const row = await this.db.selectFrom('hall_config_revisions').selectAll().where('hall_id', '=', hallId).orderBy('revision', 'desc').limit(1).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async revision(hallId: string, revision: number): Promise<ConfigRevision | undefined> {
    const row = await this.db.selectFrom('hall_config_revisions').selectAll().where('hall_id', '=', hallId).where('revision', '=', revision).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** The audit: every edit of a hall, newest first, without the whole configurations. */
  async history(hallId: string, limit = 100): Promise<Omit<ConfigRevision, 'config'>[]> {
    const rows = await this.db
      .selectFrom('hall_config_revisions')
      .select(['hall_id', 'revision', 'changes', 'actor_id', 'at', 'note'])
      .where('hall_id', '=', hallId)
      .orderBy('revision', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ hallId: r.hall_id, revision: Number(r.revision), changes: JSON.parse(r.changes) as ConfigChange[], actorId: r.actor_id, at: Number(r.at), ...(r.note ? { note: r.note } : {}) }));
  }

  /** Write revision `after + 1`, unless someone wrote it first. */
  async append(r: Omit<ConfigRevision, 'revision'> & { after: number }): Promise<AppendResult> {
    const revision = r.after + 1;
    const current = (await this.latest(r.hallId))?.revision ?? 0;
    if (current !== r.after) return { ok: false, reason: 'revision_moved', current };
    const inserted = await this.db
      .insertInto('hall_config_revisions')
      .values({ hall_id: r.hallId, revision, config: JSON.stringify(r.config), changes: JSON.stringify(r.changes), actor_id: r.actorId, at: r.at, note: r.note ?? null })
      .onConflict((oc) => oc.columns(['hall_id', 'revision']).doNothing())
      .executeTakeFirst();
    // The key decides between two writers that both read `after` as current.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return { ok: false, reason: 'revision_moved', current: (await this.latest(r.hallId))?.revision ?? revision };
    return { ok: true, revision };
  }
}

function fromRow(r: { hall_id: string; revision: number; config: string; changes: string; actor_id: string; at: number; note: string | null }): ConfigRevision {
  return {
    hallId: r.hall_id,
    revision: Number(r.revision),
    config: JSON.parse(r.config) as HallConfig,
    changes: JSON.parse(r.changes) as ConfigChange[],
    actorId: r.actor_id,
    at: Number(r.at),
    ...(r.note ? { note: r.note } : {}),
  };
}
