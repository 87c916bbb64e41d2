/**
 * The inspector's phone page: one store. Log in (the tab keeps the session), pick a window — or
 * come from the QR on a window screen (?window=<id>) — tick what is wrong, take photos, submit.
 * Photos upload as soon as they are taken, so the submit only sends the record.
 */
import { api } from '../lib/http.js';
import { shrinkPhoto } from './photo.js';

export interface ChecklistItem { id: string; label: string; dimension: 'appearance' | 'behaviour' | 'language' | 'discipline'; points: number; veto: boolean }
export interface WindowChoice { id: string; number: number; name: string; onDuty?: string; state: string }
export interface Photo { evidenceId?: string; preview: string; state: 'uploading' | 'done' | 'failed'; error?: string }
interface Session { token: string; staff: { id: string; name: string; role: string; hallId: string } }

export const kinds = ['daily_patrol', 'weekly_covert', 'leader_patrol', 'external_notice'] as const;
const KEY = 'yichuang.inspect.session';

export class InspectState {
  session = $state<Session | null>(null);
  view = $state<'login' | 'pick' | 'check' | 'done'>('login');
  windows = $state<WindowChoice[]>([]);
  staffNames = $state<Record<string, string>>({});
  items = $state<ChecklistItem[]>([]);
  windowId = $state<string | null>(null);
  kind = $state<(typeof kinds)[number]>('daily_patrol');
  found = $state<Record<string, boolean>>({});
  note = $state('');
  photos = $state<Photo[]>([]);
  busy = $state(false);
  /** A refusal code (t('inspect.error.<code>') or the hub's message). */
  error = $state<string | null>(null);
  result = $state<{ windowId: string; count: number; points: number } | null>(null);

  constructor(private readonly wanted: string | null) {
    try {
      const raw = sessionStorage.getItem(KEY);
      if (raw) this.session = JSON.parse(raw) as Session;
    } catch {
      this.session = null;
    }
  }

  get window(): WindowChoice | undefined {
    return this.windows.find((w) => w.id === this.windowId);
  }
  get chosen(): ChecklistItem[] {
    return this.items.filter((i) => this.found[i.id]);
  }
  get points(): number {
    return this.chosen.reduce((sum, i) => sum + i.points, 0);
  }
  get uploading(): boolean {
    return this.photos.some((p) => p.state === 'uploading');
  }

  async start(): Promise<void> {
    if (this.session) await this.load();
  }

  async login(username: string, password: string): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      const r = await api<Session & { error?: string; message?: string }>('POST', '/api/login', { body: { username, password } });
      if (r.status !== 200) {
        this.error = r.status === 401 ? 'wrong_password' : (r.body.error ?? 'failed');
        return;
      }
      if (!['inspector', 'manager', 'admin'].includes(r.body.staff.role)) {
        this.error = 'not_inspector';
        return;
      }
      this.session = { token: r.body.token, staff: r.body.staff };
      sessionStorage.setItem(KEY, JSON.stringify(this.session));
      await this.load();
    } catch {
      this.error = 'offline';
    } finally {
      this.busy = false;
    }
  }

  logout(): void {
    sessionStorage.removeItem(KEY);
    this.session = null;
    this.view = 'login';
  }

  private async load(): Promise<void> {
    const s = this.session!;
    const hallId = s.staff.hallId;
    const [windows, checklist, hall] = await Promise.all([
      api<WindowChoice[]>('GET', `/api/halls/${hallId}/windows`),
      api<{ items: ChecklistItem[] }>('GET', `/api/halls/${hallId}/checklist`, { token: s.token }),
      api<{ staff: { id: string; name: string }[] }>('GET', `/api/halls/${hallId}`),
    ]);
    if (checklist.status === 401) return this.logout();
    this.windows = windows.body;
    this.items = checklist.body.items;
    this.staffNames = Object.fromEntries(hall.body.staff.map((x) => [x.id, x.name]));
    if (this.wanted && this.windows.some((w) => w.id === this.wanted)) this.pick(this.wanted);
    else this.view = 'pick';
  }

  pick(windowId: string): void {
    this.windowId = windowId;
    this.found = {};
    this.note = '';
    this.photos = [];
    this.error = null;
    this.view = 'check';
  }

  toggle(itemId: string): void {
    this.found = { ...this.found, [itemId]: !this.found[itemId] };
  }

  async addPhoto(file: File): Promise<void> {
    const photo: Photo = { preview: URL.createObjectURL(file), state: 'uploading' };
    this.photos = [...this.photos, photo];
    const index = this.photos.length - 1;
    const set = (p: Partial<Photo>) => (this.photos = this.photos.map((x, i) => (i === index ? { ...x, ...p } : x)));
    try {
      const body = await shrinkPhoto(file);
      const res = await fetch(`/api/halls/${this.session!.staff.hallId}/evidence`, {
        method: 'POST', headers: { authorization: `Bearer ${this.session!.token}`, 'content-type': body.type || 'application/octet-stream' }, body,
      });
      const answer = (await res.json()) as { evidence?: { evidenceId: string }; error?: string };
      if (res.status === 201 && answer.evidence) set({ state: 'done', evidenceId: answer.evidence.evidenceId });
      else set({ state: 'failed', error: answer.error ?? 'failed' });
    } catch {
      set({ state: 'failed', error: 'offline' });
    }
  }

  removePhoto(index: number): void {
    this.photos = this.photos.filter((_, i) => i !== index);
  }

  async submit(): Promise<void> {
    if (!this.windowId || this.busy || this.uploading) return;
    this.busy = true;
    this.error = null;
    try {
      const body = {
        windowId: this.windowId, kind: this.kind, found: this.chosen.map((i) => ({ itemId: i.id })),
        ...(this.note.trim() ? { note: this.note.trim() } : {}),
        evidence: this.photos.filter((p) => p.state === 'done').map((p) => p.evidenceId!),
      };
      const r = await api<{ inspection?: { findings: unknown[] }; error?: string }>('POST', `/api/halls/${this.session!.staff.hallId}/inspections`, { token: this.session!.token, body });
      if (r.status !== 201) {
        this.error = r.body.error ?? 'failed';
        return;
      }
      this.result = { windowId: this.windowId, count: this.chosen.length, points: this.points };
      this.view = 'done';
    } catch {
      this.error = 'offline';
    } finally {
      this.busy = false;
    }
  }

  again(): void {
    this.windowId = null;
    this.result = null;
    this.view = 'pick';
  }
}
