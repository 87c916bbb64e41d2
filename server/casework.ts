/**
 * The casework in a hub: its stores over the archive's database, its routes, the opening of a
 * case for every bad rating the relay delivers (and for any archived one that never got its case),
 * and the case alerts when this hub runs jobs.
 */
import type { ConnectionOptions } from 'bullmq';
import type { CaseworkContext } from './commands/casework/caseworkContext.js';
import { openCase } from './commands/casework/openCase.js';
import type { CommandContext } from './commands/context.js';
import type { HallEvent } from './events.js';
import type { RouteKit } from './http/kit.js';
import { caseRoutes } from './http/routes/cases.js';
import { evidenceRoutes } from './http/routes/evidence.js';
import { inspectionRoutes } from './http/routes/inspections.js';
import { staffRecordRoutes } from './http/routes/staffRecords.js';
import { CaseAlerts } from './jobs/caseAlerts.js';
import { CaseStore } from './store/archive/casework/caseStore.js';
import { CaseworkRecords } from './store/archive/casework/evaluationRecords.js';
import { EvidenceStore } from './store/archive/casework/evidenceStore.js';
import { InspectionStore } from './store/archive/casework/inspectionStore.js';
import { RecordStore } from './store/archive/casework/recordStore.js';
import type { ArchiveDb } from './store/archive/database.js';
import { component } from './log.js';

const caseLog = component('casework');

// How far back the start-up looks for bad ratings that never got their case.
const CATCH_UP_MS = 40 * 24 * 3600_000;

export interface Casework {
  ctx: CaseworkContext;
  /** What the monthly evaluation reads (records.ts EvaluationRecordsSource). */
  records: CaseworkRecords;
  routes: ((kit: RouteKit) => void)[];
  alerts?: CaseAlerts;
  observe(event: HallEvent): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function casework(o: { ctx: CommandContext; db: ArchiveDb; evidenceDir: string; jobs?: { connection: ConnectionOptions; prefix: string }; log?: (m: string) => void }): Casework {
  const log = o.log ?? ((m: string) => caseLog.warn(m));
  const cases = new CaseStore(o.db);
  const alerts = o.jobs ? new CaseAlerts({ ctx: o.ctx, cases, ...o.jobs, log }) : undefined;
  const stores = { cases, inspections: new InspectionStore(o.db), records: new RecordStore(o.db), evidence: new EvidenceStore(o.db, o.evidenceDir), ...(alerts ? { caseChanged: alerts.caseChanged } : {}) };
  const ctx: CaseworkContext = { ...stores, halls: o.ctx.halls, clock: o.ctx.clock };
  const opening = (r: Parameters<typeof openCase>[1]) =>
    openCase(ctx, r).catch((err: unknown) => log(`[casework] case of ${r.rating.ticketId}: ${err instanceof Error ? err.message : String(err)}`));
  return {
    ctx,
    records: new CaseworkRecords(o.db),
    routes: [caseRoutes(stores), inspectionRoutes(stores), staffRecordRoutes(stores), evidenceRoutes(stores)],
    ...(alerts ? { alerts } : {}),
    observe(event) {
      if (event.type === 'ticket.rated' && event.rating.level <= 2) void opening({ hallId: event.hallId, ratedAt: event.at, rating: event.rating });
    },
    async start() {
      for (const r of await cases.ratingsWithoutCase(o.ctx.clock() - CATCH_UP_MS)) await opening(r);
      await alerts?.start();
    },
    async close() {
      await alerts?.close();
    },
  };
}
