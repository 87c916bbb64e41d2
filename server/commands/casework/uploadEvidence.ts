/**
 * Keep an evidence photo before the record it proves is submitted (the inspector's phone uploads
 * while the checklist is still being filled). The bytes must be an image of a type the hall
 * accepts — judged by their magic numbers, not by what the request claims — and within its size.
 */
import { sniffImageType, type Evidence } from '../../store/archive/casework/evidenceStore.js';
import { refuse, type CaseworkContext, type CaseworkResult } from './caseworkContext.js';

export async function uploadEvidence(ctx: CaseworkContext, p: { hallId: string; uploadedBy: string; bytes: Uint8Array }): Promise<CaseworkResult<{ evidence: Evidence }>> {
  const hall = ctx.halls.get(p.hallId);
  if (!hall) return refuse('unknown_hall');
  const limits = hall.config.casework.evidence;
  if (p.bytes.length === 0) return refuse('empty_file');
  if (p.bytes.length > limits.maxBytes) return refuse('too_large', `at most ${limits.maxBytes} bytes`);
  const type = sniffImageType(p.bytes);
  if (!type || !limits.types.includes(type)) return refuse('unsupported_type', limits.types.join(', '));
  return { ok: true, evidence: await ctx.evidence.save(hall.id, p.bytes, type, p.uploadedBy, ctx.clock()) };
}
