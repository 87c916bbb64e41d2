/**
 * The admin console's state: who is logged in, the hall being edited (a working copy of its
 * configuration and the revision it came from), what the hub said of the last save, and the
 * audit. Saving sends the whole hall; the hub validates, applies it live and answers what changed.
 */
import { t } from '../../display/lib/i18n/index.js';
import { api } from '../lib/http.js';

export interface Me {
  token: string;
  staff: { id: string; name: string; role: string; hallId: string };
}
export interface Issue {
  path: string;
  message: string;
}
export interface Change {
  path: string;
  before?: unknown;
  after?: unknown;
}
export interface AuditEntry {
  revision: number;
  actorId: string;
  at: number;
  note?: string;
  changes: Change[];
}
export type HallConfigDraft = Record<string, any>;

const KEY = 'yichuang.admin.session';

export class Admin {
  me = $state<Me | null>(null);
  loginError = $state('');
  halls = $state<{ id: string; name: string }[]>([]);
  hallId = $state('');
  revision = $state(0);
  draft = $state<HallConfigDraft | null>(null);
  private loaded = $state('');
  issues = $state<Issue[]>([]);
  notice = $state<{ kind: 'ok' | 'error'; text: string } | null>(null);
  lastChanges = $state<Change[]>([]);
  audit = $state<AuditEntry[]>([]);
  busy = $state(false);
  private ids = new Map<string, Set<string>>();

  constructor(private readonly storage: Storage = sessionStorage) {
    try {
      const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as Me | null;
      if (saved?.token && saved.staff?.role === 'admin') this.me = saved;
    } catch {
      /* a broken entry: log in again */
    }
  }

  get dirty(): boolean {
    return this.draft !== null && JSON.stringify(this.draft) !== this.loaded;
  }

  async login(username: string, password: string): Promise<void> {
    this.loginError = '';
    const r = await api<Me & { error?: string }>('POST', '/api/login', { body: { username, password } }).catch(() => null);
    if (!r) this.loginError = t('admin.error.offline');
    else if (r.status !== 200) this.loginError = r.status === 401 ? t('counter.login.wrong') : t('admin.error.login', { code: r.body?.error ?? r.status });
    else if (r.body.staff.role !== 'admin') this.loginError = t('admin.error.notAdmin');
    else {
      this.me = { token: r.body.token, staff: r.body.staff };
      this.storage.setItem(KEY, JSON.stringify(this.me));
      await this.start();
    }
  }

  logout(): void {
    const token = this.me?.token;
    this.me = null;
    this.draft = null;
    this.storage.removeItem(KEY);
    if (token) void api('POST', '/api/logout', { token }).catch(() => {});
  }

  async start(): Promise<void> {
    const r = await api<{ id: string; name: string }[]>('GET', '/api/halls').catch(() => null);
    if (r?.status === 200) this.halls = r.body;
    await this.open(this.hallId || this.me?.staff.hallId || this.halls[0]?.id || '');
  }

  /** Load a hall's configuration, dropping unsaved edits. */
  async open(hallId: string): Promise<void> {
    if (!this.me || !hallId) return;
    this.busy = true;
    const [config, audit] = await Promise.all([
      api<{ revision: number; config: HallConfigDraft }>('GET', `/api/halls/${encodeURIComponent(hallId)}/config`, { token: this.me.token }).catch(() => null),
      api<{ items: AuditEntry[] }>('GET', `/api/halls/${encodeURIComponent(hallId)}/config/audit`, { token: this.me.token }).catch(() => null),
    ]);
    this.busy = false;
    if (config?.status === 401) return this.logout();
    if (!config || config.status !== 200) {
      this.notice = { kind: 'error', text: config ? t('admin.error.load', { code: config.status }) : t('admin.error.offline') };
      return;
    }
    this.hallId = hallId;
    this.revision = config.body.revision;
    this.draft = config.body.config;
    this.loaded = JSON.stringify(config.body.config);
    this.ids = new Map(
      Object.entries(config.body.config)
        .filter(([, v]) => Array.isArray(v))
        .map(([k, v]) => [k, new Set((v as { id?: unknown; number?: unknown }[]).map((r) => String(r?.id ?? r?.number)))]),
    );
    this.issues = [];
    this.audit = audit?.status === 200 ? audit.body.items : [];
  }

  /** Send the working copy; the hub answers what changed, or why not, changing nothing. */
  async save(note: string): Promise<boolean> {
    if (!this.me || !this.draft || this.busy) return false;
    this.busy = true;
    this.notice = null;
    const r = await api<{ revision: number; changes: Change[]; error?: string; issues?: Issue[]; detail?: string; current?: number }>('POST', `/api/halls/${encodeURIComponent(this.hallId)}/config`, {
      token: this.me.token,
      body: { revision: this.revision, config: this.draft, ...(note.trim() ? { note: note.trim() } : {}) },
    }).catch(() => null);
    this.busy = false;
    if (!r) {
      this.notice = { kind: 'error', text: t('admin.error.offline') };
      return false;
    }
    if (r.status === 200) {
      this.issues = [];
      this.lastChanges = r.body.changes;
      const saved = r.body.changes.length === 0 ? t('admin.saved.nothing') : t('admin.saved.done', { revision: r.body.revision, count: r.body.changes.length });
      await this.open(this.hallId);
      this.notice = { kind: 'ok', text: saved };
      return true;
    }
    const code = r.body?.error ?? String(r.status);
    this.issues = r.body?.issues ?? [];
    const known = ['invalid_config', 'revision_moved', 'window_in_use', 'service_in_use', 'staff_signed_in', 'hall_id_changed', 'forbidden'];
    this.notice = { kind: 'error', text: known.includes(code) ? t(`admin.refusal.${code}`, { detail: r.body?.detail ?? '' }) : t('admin.error.save', { code }) };
    return false;
  }

  /** Throw away the edits. */
  revert(): Promise<void> {
    return this.open(this.hallId);
  }

  /** The ids (or window numbers) a list had when loaded: an id is set once, when the row is new. */
  loadedIds(list: string): Set<string> {
    return this.ids.get(list) ?? new Set();
  }

  issuesAt(prefix: string): Issue[] {
    return this.issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`));
  }
}
