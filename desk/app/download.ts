/**
 * Files the hub serves behind the bearer token (the 月通报 workbook and print page, the attendance
 * exports): fetched with the token and handed to the browser as a blob URL — saved under the
 * hub's file name, or opened in a new tab (the print page).
 */
import { refusalText } from './api.js';

async function fetchBlob(path: string, token: string): Promise<{ ok: true; blob: Blob; name: string } | { ok: false; message: string }> {
  try {
    const r = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
    if (!r.ok) {
      const body = (await r.json().catch(() => ({}))) as { error?: string };
      return { ok: false, message: refusalText(body.error) };
    }
    const name = /filename="?([^";]+)"?/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? path.split('/').pop() ?? 'download';
    return { ok: true, blob: await r.blob(), name: decodeURIComponent(name) };
  } catch {
    return { ok: false, message: refusalText(undefined) };
  }
}

/** Save the file; null when it worked, else the refusal in the screen's language. */
export async function download(path: string, token: string): Promise<string | null> {
  const f = await fetchBlob(path, token);
  if (!f.ok) return f.message;
  const url = URL.createObjectURL(f.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = f.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return null;
}

/** Open an HTML page (the print page) in a new tab; null when it worked. */
export async function openPage(path: string, token: string): Promise<string | null> {
  const f = await fetchBlob(path, token);
  if (!f.ok) return f.message;
  const url = URL.createObjectURL(new Blob([f.blob], { type: 'text/html;charset=utf-8' }));
  window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
  return null;
}
