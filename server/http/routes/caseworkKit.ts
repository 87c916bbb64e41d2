/**
 * What the casework routes share: a command's refusal as an HTTP error with its message, the
 * roles' checks, a month as a span, and reading an uploaded file's bytes within a limit.
 */
import type { Request } from 'express';
import { caseworkRefusals, type CaseworkRefusal, type CaseworkResult } from '../../commands/casework/caseworkContext.js';
import { epochOfLocal } from '../../domain/time.js';
import { HttpError } from '../route.js';

const statusOf: Record<CaseworkRefusal, number> = {
  unknown_hall: 404, unknown_case: 404, unknown_finding: 404, unknown_window: 404,
  not_your_finding: 403,
  bad_state: 409, case_closed: 409, already_contested: 409, not_contested: 409, changed_meanwhile: 409, same_assignee: 409, appeal_too_late: 409,
  complexity_required: 400, unknown_item: 400, duplicate_item: 400, in_the_future: 400, not_an_assignee: 400, unknown_staff: 400,
  bad_evidence: 400, too_many_photos: 400, empty_file: 400, unsupported_type: 400, too_large: 413,
};

/** The command's result as a reply, or its refusal thrown as the matching HTTP error. */
export function done<T extends object>(r: CaseworkResult<T>, status = 200): { status: number; body: T } {
  if (!r.ok) throw new HttpError(statusOf[r.reason], r.reason, caseworkRefusals[r.reason], r.detail ? { detail: r.detail } : {});
  const { ok: _ok, ...body } = r;
  return { status, body: body as unknown as T };
}

/** [start, end) of a month 'YYYY-MM' in the hall's zone. */
export function monthSpan(month: string, timeZone: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: epochOfLocal(`${month}-01`, '00:00', timeZone), to: epochOfLocal(`${next}-01`, '00:00', timeZone) };
}

/**
 * The request's body bytes, at most `limit`: past it, the rest is read and dropped (so the client
 * hears the answer rather than a reset connection) and 'too_large' returned.
 */
export function readUpload(req: Request, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((ok, fail) => {
    // A body a parser took already (JSON sent where a photo belongs) has nothing left to read.
    if (req.readableEnded) return ok(Buffer.alloc(0));
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => ok(over ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}
