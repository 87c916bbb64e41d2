/**
 * The SQL archive's tables, as Kysely sees them. Times are epoch ms (bigint in PostgreSQL, read
 * back as numbers); JSON goes in text columns so SQLite and PostgreSQL store the same thing.
 */
export interface ArchiveTables {
  /** Every event of every hall, as the stream held it. Primary key (hall_id, id): a replay writes nothing twice. */
  archive_events: {
    hall_id: string;
    id: number;
    type: string;
    /** The schema version the event was archived under (docs/events.md). */
    version: number;
    at: number;
    /** The hall's business day at `at`, YYYYMMDD. */
    day: string;
    payload: string;
  };
  /** How far each hall's stream is archived. Moved only in the transaction that writes the events. */
  archive_checkpoints: {
    hall_id: string;
    last_id: number;
    /** `at` of the last archived event (0 before the first). */
    last_at: number;
    /** Id of the last archived day.rolledOver: the stream keeps everything from it on (today's catch-up). */
    day_start_id: number;
    /** The last business day whose ticket hashes were removed from Redis (YYYYMMDD, '' for none). */
    purged_day: string;
    /** Events the stream no longer held when the archiver came for them (counted, never silent). */
    lost: number;
    updated_at: number;
  };
  /** One row per ticket (server/domain/facts.ts TicketFact, without its view: that is the event last_event_id). */
  ticket_facts: {
    hall_id: string;
    ticket_id: string;
    day: string;
    number: string;
    service_at_issue: string;
    service: string;
    priority: string;
    channel: string | null;
    status: string;
    outcome: string | null;
    issued_at: number;
    first_called_at: number | null;
    last_called_at: number | null;
    started_at: number | null;
    finished_at: number | null;
    cancelled_at: number | null;
    cancel_reason: string | null;
    wait_seconds: number | null;
    handling_seconds: number | null;
    window_id: string | null;
    window_number: number | null;
    staff_id: string | null;
    first_responder: string | null;
    recalls: number;
    no_shows: number;
    transfers: number;
    /** JSON: [{ at, fromWindowId, staffId, toWindowId | toServiceId }]. */
    transfer_path: string;
    rating_level: number | null;
    /** JSON array of reasons, or null. */
    rating_reasons: string | null;
    rating_comment: string | null;
    rating_channel: string | null;
    rated_at: number | null;
    /** Where a waiting ticket stands in its queue (the queue's score), for a rebuild. */
    queued_at: number | null;
    /** The citizen's secrets, kept so a rebuilt day still answers their phone and pad. */
    track_token: string | null;
    rate_token: string | null;
    last_event_id: number;
  };
  /** Duty intervals per staffer and window (server/domain/facts.ts DutyInterval); end_at null while open. */
  duty_intervals: {
    hall_id: string;
    interval_id: string;
    kind: string;
    staff_id: string;
    window_id: string;
    post: string | null;
    reason: string | null;
    covering_for: string | null;
    start_at: number;
    start_event: number;
    end_at: number | null;
    end_event: number | null;
    end_cause: string | null;
    day: string;
  };
  /** Each window as the last event showed it (WindowView JSON): duty intervals continue from it; a rebuild restores it. */
  window_states: {
    hall_id: string;
    window_id: string;
    view: string;
    event_id: number;
    at: number;
  };
  /** Leave (请假) and punch corrections (补签): server/domain/attendance/leave.ts LeaveRecord. */
  leave_requests: {
    id: string;
    hall_id: string;
    staff_id: string;
    /** 'leave' | 'correction' */
    kind: string;
    leave_type: string | null;
    punch: string | null;
    start_at: number;
    end_at: number;
    reason: string;
    /** pending | approved | refused | cancelled */
    status: string;
    /** The approval level it needs: window_head | supervision | leader. */
    level: string;
    returned_at: number | null;
    requested_by: string;
    decided_by: string | null;
    decided_at: number | null;
    created_at: number;
    updated_at: number;
  };
  /** Every change of a request, in order (seq per request): append-only. */
  leave_audit: {
    request_id: string;
    seq: number;
    hall_id: string;
    at: number;
    actor_id: string;
    /** requested | approved | refused | cancelled | returned */
    action: string;
    from_status: string | null;
    to_status: string;
    note: string | null;
  };
  /** One frozen version of a hall's month (server/store/archive/evaluationStore.ts). Insert-only. */
  evaluation_versions: {
    hall_id: string;
    /** YYYY-MM */
    month: string;
    /** 1, 2, … per hall and month. */
    version: number;
    computed_at: number;
    /** month_end (the job) | recompute (a manager's correction) */
    trigger: string;
    /** 'job' or the 工号 of the manager who asked. */
    triggered_by: string;
    reason: string | null;
    /** The version this one corrects (the latest when it was computed). */
    based_on: number | null;
    /** The archive's last event id when the facts were read. */
    facts_through: number | null;
    /** JSON: the evaluation rules used. */
    rules: string;
    /** JSON: the MonthEvaluation. */
    result: string;
  };
  /** One row per staffer and window of a version: the figures a trend or a cross-hall list needs. */
  evaluation_scores: {
    hall_id: string;
    month: string;
    version: number;
    /** staff | window */
    subject: string;
    subject_id: string;
    name: string;
    total: number;
    /** Staff only. */
    grade: string | null;
    rank: number;
    /** Points deducted over all categories (before floors), positive. */
    deducted: number;
    bonus: number;
    vetoed: number;
    /** 1: 服务之星 (staff) or 红旗窗口 (window). */
    award: number;
    /** 1: flagged for 约谈 (staff). */
    talk: number;
  };
  /** Admin edits of a hall's configuration (server/store/archive/configStore.ts): append-only, audited. */
  hall_config_revisions: {
    hall_id: string;
    revision: number;
    /** The hall's whole configuration after the edit (JSON, passwords included: it is what the hub runs). */
    config: string;
    /** What changed (JSON ConfigChange[], passwords masked). */
    changes: string;
    actor_id: string;
    at: number;
    note: string | null;
  };
  /** 差评 cases: the opening rating copied, and the fold of their steps (casework_log) for queries. */
  bad_review_cases: {
    case_id: string;
    hall_id: string;
    ticket_id: string;
    ticket_number: string;
    service_id: string;
    window_id: string;
    staff_id: string;
    level: number;
    /** JSON array of the rating's reasons. */
    reasons: string;
    comment: string | null;
    rated_at: number;
    opened_at: number;
    /** server/domain/cases/badReview.ts CaseState */
    state: string;
    assignee: string | null;
    /** 1 属实, 0 not at fault, null undecided. */
    at_fault: number | null;
    voided: number;
    /** The soonest deadline still running (null: none). */
    next_due: number | null;
    /** The last step's seq: a step is written only over the seq it was taken from. */
    seq: number;
    updated_at: number;
  };
  /** Every step of every case, finding, complaint and commendation: append-only, seq per subject. */
  casework_log: {
    /** case | inspection | finding | complaint | commendation */
    subject_kind: string;
    subject_id: string;
    seq: number;
    hall_id: string;
    at: number;
    actor_id: string;
    action: string;
    from_state: string | null;
    to_state: string | null;
    note: string | null;
    /** JSON: what else the step carried (assignee, verdict, clock …). */
    data: string | null;
  };
  inspections: {
    inspection_id: string;
    hall_id: string;
    window_id: string;
    staff_id: string | null;
    /** records.ts InspectionKind */
    kind: string;
    at: number;
    inspector_id: string;
    note: string | null;
    /** JSON array of evidence ids. */
    evidence: string;
    created_at: number;
  };
  /** One row per checklist item found wanting (server/domain/cases/inspection.ts Finding). */
  inspection_findings: {
    finding_id: string;
    inspection_id: string;
    hall_id: string;
    window_id: string;
    staff_id: string | null;
    at: number;
    kind: string;
    item_id: string;
    label: string;
    category: string;
    points: number;
    veto: number;
    note: string | null;
    /** none | pending | upheld | rejected */
    contest: string;
    contest_note: string | null;
    decision_note: string | null;
    decided_by: string | null;
    updated_at: number;
  };
  complaints: RecordRow;
  commendations: RecordRow;
  /** Evidence photos: the file under the evidence folder, its type, size and hash, what it belongs to. */
  evidence_files: {
    evidence_id: string;
    hall_id: string;
    media_type: string;
    bytes: number;
    sha256: string;
    /** Relative to the evidence folder: <hall>/<yyyy-mm>/<id>.<ext> */
    file: string;
    uploaded_by: string;
    uploaded_at: number;
    subject_kind: string | null;
    subject_id: string | null;
  };
}

/** A complaint (投诉) or a commendation (表扬): records.ts Complaint / Commendation with their evidence. */
export interface RecordRow {
  record_id: string;
  hall_id: string;
  staff_id: string;
  window_id: string | null;
  at: number;
  kind: string;
  note: string;
  /** JSON array of evidence ids. */
  evidence: string;
  recorded_by: string;
  created_at: number;
}
