/**
 * 下辖大厅: a manager's hall and the halls under it (config `parent`), each with today's roll-up
 * (from its desk snapshot) and its latest evaluated month's; and one ranking of their staff side by
 * side. Managers, admins and inspectors of the hall at the top (they oversee those under it).
 */
import { z } from 'zod';
import type { RouteKit } from '../kit.js';
import { canReadHistory, canManage } from '../../auth/policies.js';
import type { DeskSnapshot } from '../../protocol.js';
import { crossRanking, monthRollup, todayRollup } from '../../domain/desk/rollup.js';
import type { EvaluationStore } from '../../store/archive/evaluationStore.js';
import type { MonthEvaluation } from '../../domain/evaluation/result.js';

export interface HallsUnderDeps {
  snapshot: (hallId: string) => Promise<DeskSnapshot>;
  evaluations?: EvaluationStore;
}

const hallRow = z.object({
  hallId: z.string(), name: z.string(), level: z.enum(['county', 'town', 'village']), parent: z.string().nullable(), depth: z.number(),
  today: z.object({ waiting: z.number(), served: z.number(), openAlerts: z.number() }),
  month: z.object({ month: z.string(), satisfaction: z.number().nullable(), averageScore: z.number().nullable(), staffCount: z.number() }).nullable(),
}).meta({ id: 'HallRollup' });
const rankRow = z.object({ rank: z.number(), hallId: z.string(), staffId: z.string(), name: z.string(), total: z.number(), grade: z.string(), hallRank: z.number(), month: z.string() });

export function hallsUnderRoutes(deps: HallsUnderDeps) {
  return (kit: RouteKit): void => {
    const { ctx, route, hallOr404, forbid } = kit;
    route({
      method: 'get', path: '/halls/{hallId}/under', tag: 'desk', auth: 'token',
      summary: 'The hall and the halls under it (乡镇, 村), each with today’s waiting, served and open alerts and its latest evaluated month’s 满意率 and average score; and their staff ranked side by side (managers, admins, inspectors)',
      params: z.object({ hallId: z.string().min(1).max(80) }),
      responses: { 200: { description: 'the halls, the top one first, then each hall’s children in config order', schema: z.object({ items: z.array(hallRow), ranking: z.array(rankRow) }) } },
      handler: async ({ params: p, principal }) => {
        const top = hallOr404(p.hallId);
        if (!principal || !(canManage(principal, top.id, ctx.halls.parentOf) || canReadHistory(principal, top.id, ctx.halls.parentOf))) throw forbid('only the hall’s managers and inspectors see the halls under it');
        const ordered: { id: string; depth: number }[] = [];
        const walk = (id: string, depth: number) => {
          ordered.push({ id, depth });
          for (const h of ctx.halls.all()) if (h.config.parent === id) walk(h.id, depth + 1);
        };
        walk(top.id, 0);
        const months: MonthEvaluation[] = [];
        const items = await Promise.all(ordered.map(async ({ id, depth }) => {
          const c = ctx.halls.get(id)!.config;
          const snap = await deps.snapshot(id);
          const frozen = await deps.evaluations?.latest(id);
          if (frozen) months.push(frozen.evaluation);
          return { hallId: id, name: c.name, level: c.level, parent: c.parent ?? null, depth, today: todayRollup(snap.hall, snap.today), month: frozen ? monthRollup(frozen.evaluation) : null };
        }));
        return { status: 200, body: { items, ranking: crossRanking(months) } };
      },
    });
  };
}
