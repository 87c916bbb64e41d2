/**
 * A staffer contests one of their own findings (once, with a reason); a manager decides the
 * contest, and an upheld contest withdraws the finding (the evaluation scores it 0). The finding
 * itself — item, points, time — never changes.
 */
import { contestChange, type Finding } from '../../domain/cases/inspection.js';
import { refuse, type CaseworkContext, type CaseworkResult } from './caseworkContext.js';

export interface ContestProps {
  hallId: string;
  findingId: string;
  actorId: string;
  note: string;
}

async function load(ctx: CaseworkContext, hallId: string, findingId: string) {
  const f = await ctx.inspections.finding(findingId);
  return f && f.hallId === hallId ? f : undefined;
}

export async function contestFinding(ctx: CaseworkContext, p: ContestProps): Promise<CaseworkResult<{ finding: Finding }>> {
  if (!ctx.halls.get(p.hallId)) return refuse('unknown_hall');
  const f = await load(ctx, p.hallId, p.findingId);
  if (!f) return refuse('unknown_finding');
  const change = contestChange(f, { contest: { staffId: p.actorId } });
  if (!change.ok) return refuse(change.reason);
  if (!(await ctx.inspections.changeContest(f, change.from, change.to, { actorId: p.actorId, at: ctx.clock(), note: p.note }))) return refuse('changed_meanwhile');
  return { ok: true, finding: { ...f, contest: change.to, contestNote: p.note } };
}

export async function decideContest(ctx: CaseworkContext, p: ContestProps & { upheld: boolean }): Promise<CaseworkResult<{ finding: Finding }>> {
  if (!ctx.halls.get(p.hallId)) return refuse('unknown_hall');
  const f = await load(ctx, p.hallId, p.findingId);
  if (!f) return refuse('unknown_finding');
  const change = contestChange(f, { decide: { upheld: p.upheld } });
  if (!change.ok) return refuse(change.reason);
  if (!(await ctx.inspections.changeContest(f, change.from, change.to, { actorId: p.actorId, at: ctx.clock(), note: p.note }))) return refuse('changed_meanwhile');
  return { ok: true, finding: { ...f, contest: change.to, decisionNote: p.note, decidedBy: p.actorId } };
}
