/**
 * What the kiosk and the phone tracker share: JSON calls to the hub, request ids, the hall's clock,
 * the QR code, and the hub's error codes as words a citizen understands.
 */
import { t } from '../lib/i18n/index.js';

/** The hub answered with an error: `code` is its stable code (a refusal reason, `unauthorized` …). */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Throws HubError for an HTTP error and TypeError when the hub cannot be reached. */
export async function hubFetch<T>(path: string, options: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const res = await fetch(path, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const err = (body ?? {}) as { error?: string; message?: string };
    throw new HubError(res.status, err.error ?? 'http', err.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}

/**
 * One id per press of a button, kept for its retries: the hub answers a repeat with the first
 * result, so a double tap or a resend after a timeout issues one ticket. crypto.randomUUID needs a
 * secure context, which a kiosk on the hall's LAN (plain http) is not; getRandomValues does not.
 */
export function newRequestId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** `09:05` on the hall's clock. */
export function clockText(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);
}

/** An error as a citizen reads it. */
export function problemText(err: unknown): string {
  if (err instanceof HubError) {
    const text = t(`refusal.${err.code}`);
    return text === `refusal.${err.code}` ? err.message : text;
  }
  return t('refusal.network');
}

export { qrSvg } from '../lib/qr.js';
