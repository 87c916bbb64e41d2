/**
 * How a screen starts: the pairing token from its URL, who that token is (`GET /api/me`), and the
 * hall's public configuration (`GET /api/halls/:hallId`). A token the hub does not know is a
 * refusal to show ("设备未授权"); a hub that does not answer is retried until it does.
 */
import type { HallInfo } from './hallInfo.js';

export type ScreenKind = 'hall-screen' | 'window-screen';

export type Boot =
  | { kind: 'refused'; reason: string }
  | { kind: 'ready'; token: string; hall: HallInfo; windowId?: string; dateHeader: string | null; receivedAt: number };

interface Principal {
  kind: 'staff' | 'device';
  device?: string;
  hallId: string;
  windowId?: string;
}

/** The hub answered, but not with something a screen can use: not worth retrying. */
const refused = (reason: string): Boot => ({ kind: 'refused', reason });

export function tokenFromUrl(search: string): string | null {
  return new URLSearchParams(search).get('token');
}

/** Throws on network errors and 5xx (the caller retries); resolves to a refusal otherwise. */
export async function bootScreen(kind: ScreenKind, token: string | null, fetchFn: typeof fetch = fetch): Promise<Boot> {
  if (!token) return refused('no token in the address');
  const me = await fetchFn('/api/me', { headers: { authorization: `Bearer ${token}` } });
  if (me.status === 401 || me.status === 403) return refused(`the hub refused the token (${me.status})`);
  if (!me.ok) throw new Error(`/api/me: HTTP ${me.status}`);
  const principal = (await me.json()) as Principal;
  let windowId: string | undefined;
  if (kind === 'window-screen') {
    if (principal.kind !== 'device' || principal.device !== 'window-screen' || !principal.windowId) return refused('not a window-screen token');
    windowId = principal.windowId;
  } else if (principal.kind === 'device' && principal.device !== 'hall-screen') {
    // Staff (a manager checking the screen) may open it; a kiosk or pad token may not.
    return refused(`a ${principal.device} token cannot open the hall screen`);
  }
  const res = await fetchFn(`/api/halls/${encodeURIComponent(principal.hallId)}`);
  if (res.status === 404) return refused(`no hall ${principal.hallId}`);
  if (!res.ok) throw new Error(`/api/halls/${principal.hallId}: HTTP ${res.status}`);
  const hall = (await res.json()) as HallInfo;
  return { kind: 'ready', token, hall, ...(windowId ? { windowId } : {}), dateHeader: res.headers.get('date'), receivedAt: Date.now() };
}

/** bootScreen, retried every few seconds while the hub is unreachable. */
export async function bootWithRetry(kind: ScreenKind, token: string | null, onRetry: (err: unknown) => void, retryMs = 3000): Promise<Boot> {
  for (;;) {
    try {
      return await bootScreen(kind, token);
    } catch (err) {
      onRetry(err);
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
}
