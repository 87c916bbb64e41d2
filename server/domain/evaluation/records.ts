/**
 * The records managers and inspectors keep beside the queue's facts, as the monthly evaluation
 * (月度考核) reads them. The casework (差评 cases, inspections, complaints, commendations) keeps
 * fuller records with every step appended; what the evaluation needs of each is reduced here to
 * plain data, so the scoring stays a pure function of facts, attendance and these.
 * Sources of the rules: ../shared/rules/evaluation-defaults.md §7.
 */

/** Where a deduction or a bonus came from, for the drill-down: a record's kind and its id. */
export interface RecordRef {
  kind: 'ticket' | 'event' | 'attendance' | 'case' | 'inspection' | 'finding' | 'complaint' | 'commendation';
  id: string;
}

/**
 * A 差评 case as the evaluation sees it (bad_review in §7). Only a case verified at fault
 * (核实属实) deducts; an unverified one or one whose appeal was upheld (申诉成立 → voided) scores 0
 * but stays visible.
 */
export interface CaseOutcome {
  caseId: string;
  hallId: string;
  ticketId: string;
  /** The rating's level: 1 非常不满意 or 2 不满意. */
  level: 1 | 2;
  /** When the citizen rated (epoch ms): the month the case belongs to. */
  ratedAt: number;
  staffId?: string;
  windowId?: string;
  /** The verification's verdict: true 属实 (at fault), false not at fault, null not yet decided. */
  atFault: boolean | null;
  /** The appeal (申诉复核) was upheld: the case is void and never deducts. */
  voided: boolean;
  /** A deadline of the case (contact, rectify) passed before its step was done, as of the evaluation. */
  overdue: boolean;
}

export const inspectionKinds = ['daily_patrol', 'weekly_covert', 'leader_patrol', 'external_notice'] as const;
/** 日巡查 · 周暗访 · 领导巡查(明查) · 上级/媒体通报 (§7 inspections). */
export type InspectionKind = (typeof inspectionKinds)[number];

/** The categories of the evaluation (§7 evaluation.staff.weights). */
export const evaluationCategories = ['attendance_discipline', 'conduct_etiquette', 'citizen_rating', 'efficiency'] as const;
export type EvaluationCategory = (typeof evaluationCategories)[number];

/** A staffer's contest of a finding: an upheld contest withdraws the finding. */
export type ContestState = 'none' | 'pending' | 'upheld' | 'rejected';

/** One checklist item found wanting in an inspection: its deduction comes from the checklist. */
export interface InspectionFinding {
  findingId: string;
  inspectionId: string;
  hallId: string;
  windowId: string;
  staffId?: string;
  at: number;
  kind: InspectionKind;
  /** The checklist item's id (configuration), e.g. `phone_games_video`. */
  itemId: string;
  category: EvaluationCategory;
  /** Points the item deducts (positive number). */
  points: number;
  /** 一票否决: the item bars awards this period. */
  veto: boolean;
  contest: ContestState;
}

export const complaintKinds = [
  'general', // 投诉 属实 (S3 −5)
  'benefits', // 吃拿卡要 / 乱收费 — veto
  'fake_rating', // forcing, hinting or faking ratings (刷好评) — veto
  'quarrel_citizen', // quarrel or fight with a citizen — veto
  'negative_notice', // 明查暗访或媒体负面通报 — veto (S9)
] as const;
export type ComplaintKind = (typeof complaintKinds)[number];

/** A verified complaint (投诉属实) a manager recorded against a staffer (and their window). */
export interface Complaint {
  complaintId: string;
  hallId: string;
  staffId: string;
  windowId?: string;
  at: number;
  kind: ComplaintKind;
}

export const commendationKinds = [
  'praise_letter', // 表扬信 / 锦旗, verified — §7 +1
  'extended_service', // 延时 / 上门 / 节假日服务 — S3 +1
  'fast_track', // 特事特办 — S3 +2
  'media', // 媒体或上级表扬 — S3 +3
] as const;
export type CommendationKind = (typeof commendationKinds)[number];

/** A commendation a manager recorded for a staffer (bonus, capped by the rules). */
export interface Commendation {
  commendationId: string;
  hallId: string;
  staffId: string;
  windowId?: string;
  at: number;
  kind: CommendationKind;
}

/** Everything the casework holds for a hall over a span, as the evaluation reads it. */
export interface EvaluationRecords {
  cases: CaseOutcome[];
  findings: InspectionFinding[];
  complaints: Complaint[];
  commendations: Commendation[];
}

/** Where the evaluation job reads the casework from (the casework store implements it). */
export interface EvaluationRecordsSource {
  /** Records of a hall whose time (ratedAt / at) lies in [from, to), epoch ms; `asOf` judges overdue cases. */
  recordsFor(hallId: string, from: number, to: number, asOf: number): Promise<EvaluationRecords>;
}
