/**
 * The counter's calls to the hub. One press of a button is one request id, kept for the retries
 * of that press: the hub answers a repeat with its first answer and changes nothing, so a retry
 * after a lost reply cannot call a second ticket (server/store/lua/_mutate.lua).
 */

export interface Answer<T = any> {
  status: number;
  body: T;
  /** The hub's Date header (epoch ms, second resolution), when it sent one. */
  date?: number;
}

/** A refusal or failure, with the stable code clients map to text (t('refusal.<code>')). */
export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The refusal's detail, when the hub gives one (e.g. the seconds left before a no-show counts). */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** Works on plain http too (crypto.randomUUID needs a secure context, a hall LAN often is not). */
export function newRequestId(prefix = 'c'): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export async function api<T = any>(method: string, path: string, options: { token?: string; body?: unknown; fetchFn?: typeof fetch } = {}): Promise<Answer<T>> {
  const res = await (options.fetchFn ?? fetch)(path, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  const date = Date.parse(res.headers.get('date') ?? '');
  return { status: res.status, body: body as T, ...(Number.isFinite(date) ? { date } : {}) };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One press: the same request id on every attempt; retried on a network failure or a 5xx (the
 * hub may have done it and lost the reply), never on a 4xx (a refusal is an answer).
 * Resolves to the hub's 2xx answer; throws Refused otherwise.
 */
export async function press<T = any>(
  path: string,
  token: string | undefined,
  body: Record<string, unknown>,
  { attempts = 3, backoffMs = 400, fetchFn }: { attempts?: number; backoffMs?: number; fetchFn?: typeof fetch } = {},
): Promise<Answer<T>> {
  const requestId = newRequestId();
  let last: Refused = new Refused(0, 'network', 'no answer');
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await pause(backoffMs * i);
    let answer: Answer;
    try {
      answer = await api('POST', path, { token, body: { ...body, requestId }, fetchFn });
    } catch (err) {
      last = new Refused(0, 'network', (err as Error).message);
      continue;
    }
    if (answer.status < 300) return answer as Answer<T>;
    const code = typeof answer.body === 'object' && answer.body && 'error' in answer.body ? String((answer.body as { error: unknown }).error) : `http_${answer.status}`;
    const message = typeof answer.body === 'object' && answer.body && 'message' in answer.body ? String((answer.body as { message: unknown }).message) : '';
    const detail = typeof answer.body === 'object' && answer.body && 'detail' in answer.body ? String((answer.body as { detail: unknown }).detail) : undefined;
    last = new Refused(answer.status, code, message, detail);
    if (answer.status < 500) throw last;
  }
  throw last;
}
