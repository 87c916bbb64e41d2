/**
 * An admin's edit of a hall's configuration (services, windows and tiers, staff and posts,
 * schedule and holidays, rules, attendance, evaluation…): what changed, for the audit, and whether
 * the hall's live day allows it. Pure; the command (server/commands/admin/editHallConfig.ts)
 * validates the new configuration with the file's own schema, asks here, stores and applies.
 */
import type { HallConfig } from '../config.js';
import { windowId } from './numbering.js';

/** One changed value: a path such as `services[social].standardMinutes` or `windows[3].tiers`. */
export interface ConfigChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** Staff passwords never leave the hub and never enter the audit. */
const secretKeys = new Set(['password', 'passwordHash']);
const SECRET = '(密码已更改)';

/** Lists whose items have an identity: matched by it, so a reordering or one edit reads as such. */
const keyOf = (item: unknown): string | undefined => {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const o = item as Record<string, unknown>;
  if (typeof o.id === 'string') return o.id;
  if (typeof o.number === 'number' && typeof o.name === 'string') return String(o.number);
  return undefined;
};

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function diff(path: string, before: unknown, after: unknown, out: ConfigChange[]): void {
  if (same(before, after)) return;
  const leaf = path.split('.').at(-1) ?? '';
  if (secretKeys.has(leaf)) {
    out.push({ path, ...(before === undefined ? {} : { before: SECRET }), ...(after === undefined ? {} : { after: SECRET }) });
    return;
  }
  if (isPlain(before) && isPlain(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) diff(path ? `${path}.${k}` : k, before[k], after[k], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].every((i) => keyOf(i) !== undefined)) {
    const was = new Map(before.map((i) => [keyOf(i)!, i]));
    const now = new Map(after.map((i) => [keyOf(i)!, i]));
    for (const [k, item] of was) if (!now.has(k)) out.push({ path: `${path}[${k}]`, before: redacted(item) });
    for (const [k, item] of now) {
      if (!was.has(k)) out.push({ path: `${path}[${k}]`, after: redacted(item) });
      else diff(`${path}[${k}]`, was.get(k), item, out);
    }
    // The order of a list can matter (the kiosk's buttons): a reordering is a change of its own.
    const order = (keys: Iterable<string>, other: Map<string, unknown>) => [...keys].filter((k) => other.has(k));
    const wasOrder = order(was.keys(), now);
    const nowOrder = order(now.keys(), was);
    if (!same(wasOrder, nowOrder)) out.push({ path: `${path} (order)`, before: wasOrder, after: nowOrder });
    return;
  }
  out.push({ path, ...(before === undefined ? {} : { before: redacted(before) }), ...(after === undefined ? {} : { after: redacted(after) }) });
}

function redacted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redacted);
  if (!isPlain(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, secretKeys.has(k) ? SECRET : redacted(x)]));
}

/** Every value that differs between two configurations of a hall, passwords masked. */
export function configChanges(before: HallConfig, after: HallConfig): ConfigChange[] {
  const out: ConfigChange[] = [];
  diff('', before, after, out);
  return out;
}

/** The configuration as admins read and export it: no passwords or hashes. */
export function withoutSecrets(hall: HallConfig): HallConfig {
  return { ...hall, staff: hall.staff.map(({ password: _p, passwordHash: _h, ...s }) => s) };
}

/**
 * An edit arrives without passwords (they were never sent out): each staffer keeps theirs unless
 * the edit gives a new one. A new staffer with none cannot log in until an admin sets one.
 */
export function withKeptSecrets<T extends { staff?: unknown }>(before: HallConfig, edit: T): T {
  if (!Array.isArray(edit.staff)) return edit;
  const old = new Map(before.staff.map((s) => [s.id, s]));
  return {
    ...edit,
    staff: edit.staff.map((s: { id?: unknown; password?: unknown; passwordHash?: unknown }) => {
      if (typeof s !== 'object' || s === null) return s;
      if ((s.password !== undefined && s.password !== '') || s.passwordHash !== undefined) return s;
      const was = old.get(String(s.id));
      if (!was) return s;
      return { ...s, ...(was.passwordHash !== undefined ? { passwordHash: was.passwordHash } : {}), ...(was.password !== undefined ? { password: was.password } : {}) };
    }),
  };
}

/** What the live day holds that an edit must not pull away from under it. */
export interface LiveUse {
  windows: readonly { id: string; state: string; ticketId?: string; postA?: string; postB?: string }[];
  /** Waiting tickets: the service they wait for (and the window, when transferred to one). */
  waiting: readonly { serviceId: string; windowId?: string }[];
}

export type EditRefusal =
  | { reason: 'hall_id_changed'; detail: string }
  | { reason: 'window_in_use'; detail: string }
  | { reason: 'service_in_use'; detail: string }
  | { reason: 'staff_signed_in'; detail: string };

/**
 * Whether the live day allows the edit: a window that is open, serving or holding a transfer stays
 * until it is closed; a service with tickets waiting stays until they are served or cancelled; a
 * signed-in staffer stays until they sign out. Everything else applies at once.
 */
export function editRefusal(before: HallConfig, after: HallConfig, live: LiveUse): EditRefusal | null {
  if (after.id !== before.id) return { reason: 'hall_id_changed', detail: `a hall's id never changes (${before.id})` };
  const kept = new Set(after.windows.map((w) => windowId(after.id, w.number)));
  for (const w of live.windows) {
    if (kept.has(w.id)) continue;
    const held = live.waiting.some((t) => t.windowId === w.id);
    if (w.state !== 'closed' || w.ticketId || held) return { reason: 'window_in_use', detail: `window ${w.id} is ${w.state}${w.ticketId ? ` with ticket ${w.ticketId}` : ''}${held ? ' and holds transfers' : ''}: close it first` };
  }
  const services = new Set(after.services.map((s) => s.id));
  for (const t of live.waiting) {
    if (!services.has(t.serviceId)) return { reason: 'service_in_use', detail: `tickets still wait for service ${t.serviceId}` };
  }
  const staff = new Set(after.staff.map((s) => s.id));
  for (const w of live.windows) {
    for (const who of [w.postA, w.postB]) if (who && !staff.has(who)) return { reason: 'staff_signed_in', detail: `${who} is signed in at ${w.id}: sign them out first` };
  }
  return null;
}
