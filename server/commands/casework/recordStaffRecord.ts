/**
 * A manager records a verified complaint (投诉属实) against a staffer, or a commendation (表扬信,
 * 锦旗, 延时/上门服务, media praise) for one: the kind (records.ts), when it happened, what it was
 * (a note) and photos. The window is the staffer's A-post window unless given.
 */
import { randomBytes } from 'node:crypto';
import type { CommendationKind, ComplaintKind } from '../../domain/evaluation/records.js';
import { windowId as windowIdOf } from '../../domain/numbering.js';
import type { CommendationRecord, ComplaintRecord } from '../../store/archive/casework/recordStore.js';
import { refuse, type CaseworkContext, type CaseworkResult } from './caseworkContext.js';

interface Props<K> {
  hallId: string;
  managerId: string;
  staffId: string;
  windowId?: string;
  kind: K;
  at?: number;
  note: string;
  evidence: string[];
}

async function check(ctx: CaseworkContext, p: Props<string>) {
  const hall = ctx.halls.get(p.hallId);
  if (!hall) return refuse('unknown_hall');
  const staffer = hall.staff.get(p.staffId);
  if (staffer?.role !== 'staff') return refuse('unknown_staff', p.staffId);
  if (p.windowId !== undefined && !hall.windows.has(p.windowId)) return refuse('unknown_window');
  const now = ctx.clock();
  if (p.at !== undefined && p.at > now + 60_000) return refuse('in_the_future');
  if (p.evidence.length > hall.config.casework.evidence.maxPerRecord) return refuse('too_many_photos');
  const aPost = staffer.posts.find((x) => x.post === 'A') ?? staffer.posts[0];
  const windowId = p.windowId ?? (aPost ? windowIdOf(hall.id, aPost.window) : undefined);
  return { ok: true as const, common: { hallId: hall.id, staffId: p.staffId, ...(windowId ? { windowId } : {}), at: Math.min(p.at ?? now, now), note: p.note, evidence: [...new Set(p.evidence)], recordedBy: p.managerId, createdAt: now } };
}

export async function recordComplaint(ctx: CaseworkContext, p: Props<ComplaintKind>): Promise<CaseworkResult<{ complaint: ComplaintRecord }>> {
  const c = await check(ctx, p);
  if (!c.ok) return c;
  const complaint: ComplaintRecord = { complaintId: `cpl-${randomBytes(8).toString('hex')}`, kind: p.kind, ...c.common };
  if (!(await ctx.records.create('complaints', complaint))) return refuse('bad_evidence');
  return { ok: true, complaint };
}

export async function recordCommendation(ctx: CaseworkContext, p: Props<CommendationKind>): Promise<CaseworkResult<{ commendation: CommendationRecord }>> {
  const c = await check(ctx, p);
  if (!c.ok) return c;
  const commendation: CommendationRecord = { commendationId: `cmd-${randomBytes(8).toString('hex')}`, kind: p.kind, ...c.common };
  if (!(await ctx.records.create('commendations', commendation))) return refuse('bad_evidence');
  return { ok: true, commendation };
}
