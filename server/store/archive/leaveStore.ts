/**
 * Leave requests and 补签 corrections in SQL, with their audit trail. Every change is a
 * compare-and-set on the status inside one transaction with its audit row: two managers deciding
 * the same request at once cannot both succeed, and no change goes unaudited.
 */
import type { ApprovalLevel, LeaveType } from '../../attendanceConfig.js';
import type { LeaveRecord, RequestStatus } from '../../domain/attendance/leave.js';
import type { Punch } from '../../domain/attendance/sessions.js';
import type { ArchiveDb } from './database.js';
import type { ArchiveTables } from './tables.js';

type Row = ArchiveTables['leave_requests'];

export interface AuditEntry {
  requestId: string;
  seq: number;
  at: number;
  actorId: string;
  action: 'requested' | 'approved' | 'refused' | 'cancelled' | 'returned';
  fromStatus?: RequestStatus;
  toStatus: RequestStatus;
  note?: string;
}

const toRow = (r: LeaveRecord, updatedAt: number): Row => ({
  id: r.id, hall_id: r.hallId, staff_id: r.staffId, kind: r.kind, leave_type: r.leaveType ?? null, punch: r.punch ?? null,
  start_at: r.startAt, end_at: r.endAt, reason: r.reason, status: r.status, level: r.level, returned_at: r.returnedAt ?? null,
  requested_by: r.requestedBy, decided_by: r.decidedBy ?? null, decided_at: r.decidedAt ?? null, created_at: r.createdAt, updated_at: updatedAt,
});

export const fromRow = (r: Row): LeaveRecord => ({
  id: r.id, hallId: r.hall_id, staffId: r.staff_id, kind: r.kind as LeaveRecord['kind'],
  ...(r.leave_type ? { leaveType: r.leave_type as LeaveType } : {}),
  ...(r.punch ? { punch: r.punch as Punch } : {}),
  startAt: r.start_at, endAt: r.end_at, reason: r.reason, status: r.status as RequestStatus, level: r.level as ApprovalLevel,
  ...(r.returned_at !== null ? { returnedAt: r.returned_at } : {}),
  requestedBy: r.requested_by,
  ...(r.decided_by !== null ? { decidedBy: r.decided_by } : {}),
  ...(r.decided_at !== null ? { decidedAt: r.decided_at } : {}),
  createdAt: r.created_at,
});

export class LeaveStore {
  constructor(private readonly db: ArchiveDb) {}

  async create(record: LeaveRecord, actorId: string, note?: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('leave_requests').values(toRow(record, record.createdAt)).execute();
      await trx.insertInto('leave_audit').values({
        request_id: record.id, seq: 1, hall_id: record.hallId, at: record.createdAt, actor_id: actorId,
        action: 'requested', from_status: null, to_status: record.status, note: note ?? null,
      }).execute();
    });
  }

  async get(id: string): Promise<LeaveRecord | undefined> {
    const row = await this.db.selectFrom('leave_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /**
   * Change a request if its status is still `from`: the new fields and an audit row, together.
   * False when someone changed it first (nothing written).
   */
  async transition(
    id: string,
    from: RequestStatus,
    patch: Partial<Pick<LeaveRecord, 'status' | 'returnedAt' | 'decidedBy' | 'decidedAt'>>,
    audit: Omit<AuditEntry, 'requestId' | 'seq' | 'fromStatus' | 'toStatus'>,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('leave_requests').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current || current.status !== from) return false;
      const result = await trx
        .updateTable('leave_requests')
        .set({
          ...(patch.status ? { status: patch.status } : {}),
          ...(patch.returnedAt !== undefined ? { returned_at: patch.returnedAt } : {}),
          ...(patch.decidedBy !== undefined ? { decided_by: patch.decidedBy } : {}),
          ...(patch.decidedAt !== undefined ? { decided_at: patch.decidedAt } : {}),
          updated_at: audit.at,
        })
        .where('id', '=', id)
        .where('status', '=', from)
        // A return (销假) happens once.
        .$if(patch.returnedAt !== undefined, (q) => q.where('returned_at', 'is', null))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      const last = await trx.selectFrom('leave_audit').select((eb) => eb.fn.max('seq').as('seq')).where('request_id', '=', id).executeTakeFirst();
      await trx.insertInto('leave_audit').values({
        request_id: id, seq: Number(last?.seq ?? 0) + 1, hall_id: current.hall_id, at: audit.at, actor_id: audit.actorId,
        action: audit.action, from_status: from, to_status: patch.status ?? from, note: audit.note ?? null,
      }).execute();
      return true;
    });
  }

  /** A hall's requests overlapping [from, to), optionally of one staffer or status, by start. */
  async list(hallId: string, filter: { from?: number; to?: number; staffId?: string; status?: RequestStatus[] } = {}): Promise<LeaveRecord[]> {
    let q = this.db.selectFrom('leave_requests').selectAll().where('hall_id', '=', hallId);
    if (filter.to !== undefined) q = q.where('start_at', '<', filter.to);
    if (filter.from !== undefined) q = q.where('end_at', '>=', filter.from);
    if (filter.staffId) q = q.where('staff_id', '=', filter.staffId);
    if (filter.status?.length) q = q.where('status', 'in', filter.status);
    return (await q.orderBy('start_at').orderBy('id').execute()).map(fromRow);
  }

  async audit(id: string): Promise<AuditEntry[]> {
    const rows = await this.db.selectFrom('leave_audit').selectAll().where('request_id', '=', id).orderBy('seq').execute();
    return rows.map((r) => ({
      requestId: r.request_id, seq: Number(r.seq), at: r.at, actorId: r.actor_id, action: r.action as AuditEntry['action'],
      ...(r.from_status ? { fromStatus: r.from_status as RequestStatus } : {}), toStatus: r.to_status as RequestStatus,
      ...(r.note ? { note: r.note } : {}),
    }));
  }

  /** Every audit row of a hall (for tests: nothing changed means no new row). */
  async auditCount(hallId: string): Promise<number> {
    const r = await this.db.selectFrom('leave_audit').select((eb) => eb.fn.countAll().as('n')).where('hall_id', '=', hallId).executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}
