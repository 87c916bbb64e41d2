/**
 * An admin edits a hall's configuration: validated by the configuration file's own schema (with
 * every other hall, so a 工号 stays unique across halls), checked against the live day, stored as
 * the next revision with what changed (who, when, before → after), then applied in this hub at
 * once and announced to the others. A refusal changes nothing.
 */
import { hashPassword } from '../../auth/passwords.js';
import { configSchema, type HallConfig } from '../../config.js';
import { configChanges, editRefusal, withKeptSecrets, type ConfigChange, type EditRefusal } from '../../domain/hallConfigEdit.js';
import type { ConfigStore } from '../../store/archive/configStore.js';
import type { WiredContext } from '../context.js';

export interface EditHallConfigDeps {
  ctx: WiredContext;
  configs: ConfigStore;
  /** Put the stored revision in place here and in every other hub (server/configSync.ts). */
  applied(hallId: string, revision: number, config: HallConfig): Promise<void>;
}

export interface EditHallConfigProps {
  hallId: string;
  /** The revision the admin edited (GET …/config): an edit of an older one is a conflict. */
  afterRevision: number;
  /** The hall's whole configuration as the admin wants it, as in the YAML file. */
  config: unknown;
  actorId: string;
  note?: string;
}

export type EditHallConfigResult =
  | { ok: true; revision: number; changes: ConfigChange[] }
  | { ok: false; reason: 'unknown_hall' }
  | { ok: false; reason: 'invalid_config'; issues: { path: string; message: string }[] }
  | { ok: false; reason: 'revision_moved'; current: number }
  | ({ ok: false } & EditRefusal);

export async function editHallConfig(deps: EditHallConfigDeps, props: EditHallConfigProps): Promise<EditHallConfigResult> {
  const { ctx, configs } = deps;
  const hall = ctx.halls.get(props.hallId);
  if (!hall) return { ok: false, reason: 'unknown_hall' };
  const before = hall.config;
  const edit = typeof props.config === 'object' && props.config !== null && !Array.isArray(props.config) ? await hashNewPasswords(before, withKeptSecrets(before, props.config as { staff?: unknown })) : props.config;
  const editedId = (edit as { id?: unknown } | null)?.id;
  if (editedId !== undefined && editedId !== hall.id) return { ok: false, reason: 'hall_id_changed', detail: `a hall's id never changes (${hall.id})` };
  const halls = ctx.halls.all().map((h) => (h.id === hall.id ? edit : h.config));
  const parsed = configSchema.safeParse({ halls });
  if (!parsed.success) {
    const index = halls.indexOf(edit);
    const issues = parsed.error.issues.map((i) => {
      // Paths inside this hall read as in its own file; a clash with another hall names that hall.
      const [, at, ...rest] = i.path;
      const path = at === index ? rest.map(String).join('.') : i.path.map(String).join('.');
      return { path: path || '(root)', message: i.message };
    });
    return { ok: false, reason: 'invalid_config', issues };
  }
  const after = parsed.data.halls[halls.indexOf(edit)]!;
  for (const other of parsed.data.halls) {
    if (other.id === hall.id) continue;
    const clash = after.staff.find((s) => other.staff.some((o) => o.id === s.id));
    if (clash) return { ok: false, reason: 'invalid_config', issues: [{ path: 'staff', message: `工号 ${clash.id} belongs to hall ${other.id}` }] };
  }
  const current = (await configs.latest(hall.id))?.revision ?? 0;
  if (current !== props.afterRevision) return { ok: false, reason: 'revision_moved', current };
  const snapshot = await ctx.store.snapshot(hall.id, { windows: hall.windowIds(), services: hall.serviceIds(), classes: hall.classes });
  const refusal = editRefusal(before, after, { windows: snapshot.windows, waiting: snapshot.waiting });
  if (refusal) return { ok: false, ...refusal };
  const changes = configChanges(before, after);
  if (changes.length === 0) return { ok: true, revision: current, changes };
  const stored = await configs.append({ hallId: hall.id, after: current, config: after, changes, actorId: props.actorId, at: ctx.clock(), ...(props.note ? { note: props.note } : {}) });
  if (!stored.ok) return stored;
  await deps.applied(hall.id, stored.revision, after);
  return { ok: true, revision: stored.revision, changes };
}

/**
 * A password an admin sets in the console is stored as its hash (a production hub refuses to start
 * with plain passwords in its configuration); a plain one the file already had stays as it was.
 */
async function hashNewPasswords<T extends { staff?: unknown }>(before: HallConfig, edit: T): Promise<T> {
  if (!Array.isArray(edit.staff)) return edit;
  const old = new Map(before.staff.map((s) => [s.id, s.password]));
  const staff = await Promise.all(
    edit.staff.map(async (s: unknown) => {
      if (typeof s !== 'object' || s === null) return s;
      const { password, ...rest } = s as { id?: unknown; password?: unknown };
      if (typeof password !== 'string' || password === '' || old.get(String(rest.id)) === password) return s;
      return { ...rest, passwordHash: await hashPassword(password) };
    }),
  );
  return { ...edit, staff };
}
