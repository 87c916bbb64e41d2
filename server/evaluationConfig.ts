/**
 * The hall's monthly evaluation rules (月度考核): categories, deductions, bonuses, vetoes, grades,
 * awards and escalation. Every number is configuration, with the default the published schemes
 * give. Sources are the tags of ../shared/rules/evaluation-defaults.md §1 and §7 (S1 苍南, S2 XX镇,
 * S3 莱芜, S4 温州, S5, S6, S9, S12 贵州, S15 阳东, S16 永和, S62); `our default` where none gave
 * the number. The scoring that reads them: server/domain/evaluation/. Documented in
 * docs/configuration.md (`evaluation`).
 */
import { z } from 'zod';
import { leaveTypes } from './attendanceConfig.js';
import { commendationKinds, complaintKinds, type CommendationKind, type ComplaintKind } from './domain/evaluation/records.js';

const points = z.number().min(0);
const share = z.number().min(0).max(1);

/** A deduction by how far a rate passes its allowed share: `points` for each full `stepPercentagePoints` above `above`. */
const rateDeduction = z.object({
  /** The allowed share, 0..1 (0.10 = 10 %): wait_over_target_share_max (our default). */
  above: share.default(0.1),
  /** Percentage points per step, counted in full steps: with 2, 14.9 % against 10 % is two steps. */
  stepPercentagePoints: z.number().positive().default(2),
  /** Points per step. */
  points: points.default(1),
});

const attendanceDeductions = z.object({
  /** Late or early by at most `lateOrEarlyBandMinutes`: −1 each (S1 ≤ 10 min −1; S2, S3 −1). */
  lateOrEarlyUpTo10Min: points.default(1),
  /** The band edge (S1: 10 minutes). */
  lateOrEarlyBandMinutes: z.number().int().positive().default(10),
  /** Late or early by more, below attendance's half-day line (attendance.halfDayAbsenceMinutes): −3 each (S2 "时间长的扣3分"). */
  lateOrEarlyOver10Min: points.default(3),
  /** A missed punch (no 签退, no 补签) in a half-day not already counted as 旷工: −2 (S1). */
  missedPunch: points.default(2),
  /** 旷工, per half-day: −5 (S1; alt 2 S3, 3 S8). */
  absenceHalfDay: points.default(5),
  /** Away with no reason past attendance.unreportedAwayMinutes (15): −3 each (S1 擅自离岗 ≥ 15 min). */
  unreportedAway: points.default(3),
  /** 空岗 (the window uncovered past rules.awayAlertMinutes), to its A post and to the window: −2 each (S3 AB角 −2). */
  kongang: points.default(2),
  /** Leave of `leaveQuotaTypes` past `leaveQuotaDays` in the month: −1 per day beyond (S3 "> 2 days a month"). */
  leaveOverQuotaPerDay: points.default(1),
  leaveQuotaDays: z.number().min(0).default(2),
  /** 事假 only: on-duty leave and statutory leave are not counted (§7 personal_leave_quota_days_per_month). */
  leaveQuotaTypes: z.array(z.enum(leaveTypes)).default(['personal']),
});

const complaintPoints = z.object(
  Object.fromEntries(complaintKinds.map((k) => [k, points.default(5)])) as Record<ComplaintKind, z.ZodDefault<z.ZodNumber>>,
);

const ratingDeductions = z.object({
  /** A 差评 verified at fault (核实属实) and not voided: −2 (S2 群众不满意 −2). Unverified or voided: 0 (国办发〔2019〕51号 申诉复核). */
  badReviewVerified: points.default(2),
  /** A case past a deadline (contact, rectify) as of the evaluation: −2 per case (our default). */
  rectificationOverdue: points.default(2),
  /** A verified complaint (投诉属实), points by kind: −5 each (S3); the veto kinds also bar awards. */
  complaint: complaintPoints.default(() => complaintPoints.parse({})),
});

const efficiencyDeductions = z.object({
  /** Waits over the hall's target (rules.waitTargetMinutes) above 10 % of called tickets: −1 per 2 points (our default). */
  waitOverTarget: rateDeduction.default(() => rateDeduction.parse({})),
  /** Handlings over the service's standardMinutes above 10 % of served tickets: −1 per 2 points (our default). */
  handlingOverStandard: rateDeduction.default(() => rateDeduction.parse({})),
});

const deductions = z.object({
  attendance: attendanceDeductions.default(() => attendanceDeductions.parse({})),
  rating: ratingDeductions.default(() => ratingDeductions.parse({})),
  efficiency: efficiencyDeductions.default(() => efficiencyDeductions.parse({})),
});

const bonusDefaults: Record<CommendationKind, number> = {
  praise_letter: 1, // 表扬信 / 锦旗, verified — our default
  extended_service: 1, // 延时 / 上门 / 节假日服务 — S3 (+1~3)
  fast_track: 2, // 特事特办 — S3 (+1~3)
  media: 3, // 媒体或上级表扬 — S3 (upper end of +1~3)
};
const bonuses = z.object(
  Object.fromEntries(commendationKinds.map((k) => [k, points.default(bonusDefaults[k])])) as Record<CommendationKind, z.ZodDefault<z.ZodNumber>>,
);

const veto = z.object({
  /** Complaint kinds that veto: 吃拿卡要 (S6), forcing or faking ratings (国办发〔2019〕51号), quarrel with a citizen (practice.md H), negative notice (S9). */
  complaintKinds: z.array(z.enum(complaintKinds)).default(['benefits', 'fake_rating', 'quarrel_citizen', 'negative_notice']),
  /** Inspection findings whose checklist item says veto (finding.veto). */
  findings: z.boolean().default(true),
  /** 旷工 of this many days in the month, half-days counting as halves: S16 ≥ 1 day. 0 turns it off. */
  absenceDays: z.number().min(0).default(1),
  /** Late plus early this many times in the month: S16 ≥ 5. 0 turns it off. */
  lateOrEarlyCount: z.number().int().min(0).default(5),
});

const grades = z.object({
  /** 优秀 ≥ 90 (our default). */
  excellent: z.number().default(90),
  /** 良好 ≥ 80 (our default; S5 draws its 合格 line at 80). */
  good: z.number().default(80),
  /** 合格 ≥ 60 (S5); below is 不合格. */
  pass: z.number().default(60),
});

const awards = z.object({
  /** 服务之星: max(1, ceil(share × ranked staff)) of the eligible (our default 10 %; S12 names several a month). */
  serviceStarShare: share.default(0.1),
  /** 首席代表 ranked for 服务之星 apart from the other staff (S12). */
  separateChiefRanking: z.boolean().default(true),
  /** Staff ids of the hall's 首席代表 (chief representatives). */
  chiefs: z.array(z.string()).default([]),
  /** Who may be a 服务之星 besides having no veto: this grade or better, no verified 差评, no 旷工 (our default). */
  starMinGrade: z.enum(['excellent', 'good', 'pass', 'fail']).default('excellent'),
  starBarsVerifiedBadReview: z.boolean().default(true),
  starBarsAbsence: z.boolean().default(true),
  /** 红旗窗口: min(max, ceil(share × windows)) — 5 ⇒ S15 (5 a month); 20 % our default for small halls. */
  redFlagMax: z.number().int().min(0).default(5),
  redFlagShare: share.default(0.2),
});

export const evaluationSchema = z
  .object({
    /** Every subject starts from this (S1, S2, S3, S4, S5); the category maxima below sum to it. */
    base: z.number().positive().default(100),
    /** Category maxima: 考勤纪律 30 (S2 考勤30, S4 出勤值勤30), 服务礼仪 20 (S3 服务态度20), 群众评价 25 and 办件效能 25 (our default; S2 业务30, S7 办事效率30). */
    weights: z
      .object({ attendance_discipline: points.default(30), conduct_etiquette: points.default(20), citizen_rating: points.default(25), efficiency: points.default(25) })
      .default(() => ({ attendance_discipline: 30, conduct_etiquette: 20, citizen_rating: 25, efficiency: 25 })),
    /** Each category stops at 0 ("扣完为止,不计负分" S5, S4); false lets it go below (S1 "扣分不封顶"). */
    floorPerCategory: z.boolean().default(true),
    /** Bonus points count at most this much (S1 附加分 ≤ 5). */
    bonusCap: points.default(5),
    deductions: deductions.default(() => deductions.parse({})),
    /** Bonus points per commendation kind, capped by bonusCap. */
    bonuses: bonuses.default(() => bonuses.parse({})),
    /** 一票否决: bars awards this period (§7 veto_one_strike). */
    veto: veto.default(() => veto.parse({})),
    grades: grades.default(() => grades.parse({})),
    awards: awards.default(() => awards.parse({})),
    /** Window score = own (efficiency and ratings) part × this + its staff's mean × (1 − this): our default ½ · ½ (S15 weighs 0.3/0.3/0.2/0.2 with votes). */
    windowOwnWeight: share.default(0.5),
    /** At the bottom of the ranking this many months running: flagged for 约谈 (S62: 2 consecutive low months). */
    bottomRankedConsecutiveMonthsForTalk: z.number().int().positive().default(2),
  })
  .superRefine((e, ctx) => {
    const sum = e.weights.attendance_discipline + e.weights.conduct_etiquette + e.weights.citizen_rating + e.weights.efficiency;
    if (Math.abs(sum - e.base) > 1e-9) ctx.addIssue({ code: 'custom', path: ['weights'], message: `the category weights sum to ${sum}, not the base ${e.base}` });
    if (!(e.grades.excellent >= e.grades.good && e.grades.good >= e.grades.pass)) ctx.addIssue({ code: 'custom', path: ['grades'], message: 'grades must run excellent ≥ good ≥ pass' });
  });

export type EvaluationRules = z.infer<typeof evaluationSchema>;
export const defaultEvaluationRules = (): EvaluationRules => evaluationSchema.parse({});
