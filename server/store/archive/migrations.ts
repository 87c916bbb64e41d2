/**
 * Versioned migrations of the archive, applied at start by Kysely's Migrator (which keeps its own
 * table and lock, so several hubs starting together apply each migration once). Append new ones;
 * never edit one that has shipped. Names are applied in name order; one merged after a later one
 * already ran (branches landing out of order: 0003 after 0004) is still applied, since the
 * migrator allows unordered migrations (database.ts): each migration touches only its own tables.
 */
import type { Kysely, Migration } from 'kysely';

// Epoch milliseconds pass 2^31: bigint in PostgreSQL; SQLite's integer is 64-bit anyway.
const ms = 'bigint' as const;

export const migrations: Record<string, Migration> = {
  '0001_archive': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('archive_events')
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('id', ms, (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('archive_events_pk', ['hall_id', 'id'])
        .execute();
      // A day's events are one run of ids: the history finds where it starts by day.
      await db.schema.createIndex('archive_events_day').on('archive_events').columns(['hall_id', 'day']).execute();

      await db.schema
        .createTable('archive_checkpoints')
        .addColumn('hall_id', 'text', (c) => c.primaryKey())
        .addColumn('last_id', ms, (c) => c.notNull())
        .addColumn('last_at', ms, (c) => c.notNull())
        .addColumn('day_start_id', ms, (c) => c.notNull())
        .addColumn('purged_day', 'text', (c) => c.notNull())
        .addColumn('lost', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ticket_facts')
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('service_at_issue', 'text', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('issued_at', ms, (c) => c.notNull())
        .addColumn('first_called_at', ms)
        .addColumn('last_called_at', ms)
        .addColumn('started_at', ms)
        .addColumn('finished_at', ms)
        .addColumn('cancelled_at', ms)
        .addColumn('cancel_reason', 'text')
        .addColumn('wait_seconds', 'real')
        .addColumn('handling_seconds', 'real')
        .addColumn('window_id', 'text')
        .addColumn('window_number', 'integer')
        .addColumn('staff_id', 'text')
        .addColumn('first_responder', 'text')
        .addColumn('recalls', 'integer', (c) => c.notNull())
        .addColumn('no_shows', 'integer', (c) => c.notNull())
        .addColumn('transfers', 'integer', (c) => c.notNull())
        .addColumn('transfer_path', 'text', (c) => c.notNull())
        .addColumn('rating_level', 'integer')
        .addColumn('rating_reasons', 'text')
        .addColumn('rating_comment', 'text')
        .addColumn('rating_channel', 'text')
        .addColumn('rated_at', ms)
        .addColumn('queued_at', 'double precision')
        .addColumn('view', 'text', (c) => c.notNull())
        .addColumn('track_token', 'text')
        .addColumn('rate_token', 'text')
        .addColumn('last_event_id', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_facts_pk', ['hall_id', 'ticket_id'])
        .execute();
      await db.schema.createIndex('ticket_facts_day').on('ticket_facts').columns(['hall_id', 'day']).execute();

      await db.schema
        .createTable('duty_intervals')
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('interval_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text', (c) => c.notNull())
        .addColumn('window_id', 'text', (c) => c.notNull())
        .addColumn('post', 'text')
        .addColumn('reason', 'text')
        .addColumn('covering_for', 'text')
        .addColumn('start_at', ms, (c) => c.notNull())
        .addColumn('start_event', ms, (c) => c.notNull())
        .addColumn('end_at', ms)
        .addColumn('end_event', ms)
        .addColumn('end_cause', 'text')
        .addColumn('day', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('duty_intervals_pk', ['hall_id', 'interval_id'])
        .execute();
      await db.schema.createIndex('duty_intervals_staff').on('duty_intervals').columns(['hall_id', 'staff_id', 'start_at']).execute();
      await db.schema.createIndex('duty_intervals_open').on('duty_intervals').columns(['hall_id', 'end_event']).execute();

      await db.schema
        .createTable('window_states')
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('window_id', 'text', (c) => c.notNull())
        .addColumn('view', 'text', (c) => c.notNull())
        .addColumn('event_id', ms, (c) => c.notNull())
        .addColumn('at', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('window_states_pk', ['hall_id', 'window_id'])
        .execute();
    },
  },
  '0002_attendance': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('leave_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('leave_type', 'text')
        .addColumn('punch', 'text')
        .addColumn('start_at', ms, (c) => c.notNull())
        .addColumn('end_at', ms, (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('returned_at', ms)
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', ms)
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('leave_requests_staff').on('leave_requests').columns(['hall_id', 'staff_id', 'start_at']).execute();
      await db.schema.createIndex('leave_requests_status').on('leave_requests').columns(['hall_id', 'status']).execute();
      await db.schema
        .createTable('leave_audit')
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('leave_audit_pk', ['request_id', 'seq'])
        .execute();
    },
  },
  /**
   * 月度考核 results: each hall's month frozen as numbered versions (1, 2, …), never overwritten.
   * A version keeps the rules it was computed with and the whole MonthEvaluation as JSON (what
   * the report and the drill-down read), plus one row per staffer and window (what a trend over
   * months or a list across halls reads without parsing JSON).
   */
  '0004_evaluation': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('evaluation_versions')
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('computed_at', ms, (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('triggered_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('based_on', 'integer')
        .addColumn('facts_through', ms)
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('evaluation_versions_pk', ['hall_id', 'month', 'version'])
        .execute();
      await db.schema
        .createTable('evaluation_scores')
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('total', 'double precision', (c) => c.notNull())
        .addColumn('grade', 'text')
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('deducted', 'double precision', (c) => c.notNull())
        .addColumn('bonus', 'double precision', (c) => c.notNull())
        .addColumn('vetoed', 'integer', (c) => c.notNull())
        .addColumn('award', 'integer', (c) => c.notNull())
        .addColumn('talk', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('evaluation_scores_pk', ['hall_id', 'month', 'version', 'subject', 'subject_id'])
        .execute();
      await db.schema.createIndex('evaluation_scores_subject').on('evaluation_scores').columns(['hall_id', 'subject', 'subject_id', 'month']).execute();
    },
  },
  '0005_config': {
    async up(db: Kysely<any>) {
      // Each admin edit of a hall's configuration: the whole configuration after it and what
      // changed. Append-only; the highest revision is the hall's configuration.
      await db.schema
        .createTable('hall_config_revisions')
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('hall_config_revisions_pk', ['hall_id', 'revision'])
        .execute();
    },
  },
  '0003_casework': {
    // 差评 cases, inspections and their findings, complaints, commendations, evidence photos, and
    // one append-only log of every step taken on any of them (server/store/archive/casework/).
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('bad_review_cases')
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('ticket_number', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('window_id', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('rated_at', ms, (c) => c.notNull())
        .addColumn('opened_at', ms, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('assignee', 'text')
        .addColumn('at_fault', 'integer')
        .addColumn('voided', 'integer', (c) => c.notNull())
        .addColumn('next_due', ms)
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
      // One case per rated ticket: opening it twice (two hubs, a replay) inserts nothing the second time.
      await db.schema.createIndex('bad_review_cases_ticket').unique().on('bad_review_cases').columns(['hall_id', 'ticket_id']).execute();
      await db.schema.createIndex('bad_review_cases_rated').on('bad_review_cases').columns(['hall_id', 'rated_at']).execute();
      await db.schema.createIndex('bad_review_cases_state').on('bad_review_cases').columns(['hall_id', 'state']).execute();

      await db.schema
        .createTable('casework_log')
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text')
        .addColumn('note', 'text')
        .addColumn('data', 'text')
        .addPrimaryKeyConstraint('casework_log_pk', ['subject_kind', 'subject_id', 'seq'])
        .execute();
      await db.schema.createIndex('casework_log_hall').on('casework_log').columns(['hall_id', 'at']).execute();

      await db.schema
        .createTable('inspections')
        .addColumn('inspection_id', 'text', (c) => c.primaryKey())
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('window_id', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('inspector_id', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inspections_hall_at').on('inspections').columns(['hall_id', 'at']).execute();

      await db.schema
        .createTable('inspection_findings')
        .addColumn('finding_id', 'text', (c) => c.primaryKey())
        .addColumn('inspection_id', 'text', (c) => c.notNull())
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('window_id', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text')
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('points', 'double precision', (c) => c.notNull())
        .addColumn('veto', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('contest', 'text', (c) => c.notNull())
        .addColumn('contest_note', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('updated_at', ms, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inspection_findings_hall_at').on('inspection_findings').columns(['hall_id', 'at']).execute();
      await db.schema.createIndex('inspection_findings_staff').on('inspection_findings').columns(['hall_id', 'staff_id', 'at']).execute();
      await db.schema.createIndex('inspection_findings_inspection').on('inspection_findings').columns(['inspection_id']).execute();

      for (const table of ['complaints', 'commendations'] as const) {
        await db.schema
          .createTable(table)
          .addColumn('record_id', 'text', (c) => c.primaryKey())
          .addColumn('hall_id', 'text', (c) => c.notNull())
          .addColumn('staff_id', 'text', (c) => c.notNull())
          .addColumn('window_id', 'text')
          .addColumn('at', ms, (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull())
          .addColumn('evidence', 'text', (c) => c.notNull())
          .addColumn('recorded_by', 'text', (c) => c.notNull())
          .addColumn('created_at', ms, (c) => c.notNull())
          .execute();
        await db.schema.createIndex(`${table}_hall_at`).on(table).columns(['hall_id', 'at']).execute();
      }

      await db.schema
        .createTable('evidence_files')
        .addColumn('evidence_id', 'text', (c) => c.primaryKey())
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', ms, (c) => c.notNull())
        .addColumn('subject_kind', 'text')
        .addColumn('subject_id', 'text')
        .execute();
      await db.schema.createIndex('evidence_files_subject').on('evidence_files').columns(['subject_kind', 'subject_id']).execute();
    },
  },
  '0006_facts_narrow': {
    async up(db: Kysely<any>) {
      // A fact's view (the ticket as its last event showed it) is that event's payload, archived
      // in the same transaction: readers take it from there. The copy was about two thirds of
      // every fact row, and every batch upserts the facts of the tickets it touches.
      await db.schema.alterTable('ticket_facts').dropColumn('view').execute();
    },
  },
};
