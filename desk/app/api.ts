/** The desk's calls to the hub, with refusals in the screen's language (desk.errors, refusal.*). */
import { api, newRequestId } from '../../counter/lib/http.js';

/** One press, one id: a retried press changes nothing twice (the hub answers a repeat with its first answer). */
export const pressId = (): string => newRequestId('d');
import { t } from '../../display/lib/i18n/index.js';

export type Outcome<T> = { ok: true; body: T } | { ok: false; message: string };

export function refusalText(code: string | undefined): string {
  if (!code) return t('desk.errors.network');
  const own = t(`desk.errors.${code}`);
  if (own !== `desk.errors.${code}`) return own;
  const shared = t(`refusal.${code}`);
  return shared !== `refusal.${code}` ? shared : t('desk.errors.other', { code });
}

export async function call<T = unknown>(method: string, path: string, token: string, body?: object): Promise<Outcome<T>> {
  try {
    const r = await api<T & { error?: string }>(method, path, { token, ...(body !== undefined ? { body } : {}) });
    if (r.status >= 200 && r.status < 300) return { ok: true, body: r.body };
    return { ok: false, message: refusalText(r.body?.error) };
  } catch {
    return { ok: false, message: t('desk.errors.network') };
  }
}
