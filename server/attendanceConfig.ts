/**
 * The hall's attendance rules (考勤, 请销假, AB岗): every threshold is configuration, with the
 * default local practice gives. Sources are the tags of ../shared/rules/evaluation-defaults.md §1
 * (S1 苍南, S2 XX镇, S20–S33 attendance schemes) and practice.md §2.3/§3; `our default` where
 * no published scheme gave the number. Documented in docs/configuration.md (`attendance`).
 */
import { z } from 'zod';

/** Leave types (请假类别). Approved leave is never 旷工. */
export const leaveTypes = [
  'personal', // 事假 — S20, S21
  'sick', // 病假 — S20, S21
  'annual', // 年休假 — S20, S35
  'comp_off', // 调休 — S46 (earned by working a rest day)
  'marriage', // 婚假 — S20
  'maternity', // 产假 — S20
  'paternity', // 陪产假 — S20
  'bereavement', // 丧假 — S20
  'business_trip', // 公差/公假 — on duty, counts as present (S21 公假, S43 On Duty)
  'training', // 培训 — on duty
  'meeting', // 会议 — on duty
  'errand', // 外出办事 — on duty
] as const;
export type LeaveType = (typeof leaveTypes)[number];

/** Leave that counts as present (公差, 培训, 会议, 外出办事): the staffer is working elsewhere. */
export const onDutyLeaveTypes: readonly LeaveType[] = ['business_trip', 'training', 'meeting', 'errand'];

/** Who approves, lowest first. A higher level may approve what a lower one may. */
export const approvalLevels = ['window_head', 'supervision', 'leader'] as const;
export type ApprovalLevel = (typeof approvalLevels)[number];

const staffIds = z.array(z.string().min(1)).default([]);

export const attendanceSchema = z.object({
  /** 4: am in/out and pm in/out (S21, S22, S24, S25, S27); 2: in and out (S23, S26). With no lunch break there is one session and two punches anyway. */
  punchesPerDay: z.union([z.literal(2), z.literal(4)]).default(4),
  /** A sign-in later than session start + this is late (迟到). 0: any minute late is late (S22). */
  lateGraceMinutes: z.number().int().min(0).default(0),
  /** Leaving earlier than session end − this is early leave (早退). 0 per S22. */
  earlyGraceMinutes: z.number().int().min(0).default(0),
  /**
   * Minutes after closing in which a staffer's own 签退 is on time (S24: the out punch 17:00–18:00;
   * S40: Frappe's allow_check_out_after_shift_end_time, default 60). The closing job cancels the
   * waiting tickets at closing time as ever, and signs out whoever is still signed in only at the
   * window's end — that sign-out is the day's end, a missed punch. 0: everyone is signed out at
   * closing time, so only a sign-out in that very minute is neither early nor missed.
   */
  signOutWindowMinutes: z.number().int().min(0).max(240).default(60),
  /** Late or early by this many minutes or more: the half-day is 旷工, not a late (S22 "≥30 min"; stricter 15 in S20). */
  halfDayAbsenceMinutes: z.number().int().positive().default(30),
  /** A punch missing in a half-day (no 签退: the day's end signed them out) without an approved 补签: 'half_day_absence' (S1, S22) or just counted ('count'). */
  missedPunch: z.enum(['half_day_absence', 'count']).default('half_day_absence'),
  /** Away with no reason given (the reasons below) past this many minutes is a warning (S1: 擅自离岗 ≥15 min). */
  unreportedAwayMinutes: z.number().int().positive().default(15),
  /** Pause reasons that count as "no reason given" (our default: 其他 says nothing). */
  unreportedReasons: z.array(z.enum(['meeting', 'training', 'errand', 'meal', 'other'])).default(['other']),
  /** Away past this many minutes without approved leave: that half-day is 旷工 (S2 >1 h = 旷工; S33 >60 min needs 离岗告知). */
  awayAbsenceMinutes: z.number().int().positive().default(60),
  /** A and B must not be away together (S32); when false both-away is not flagged. */
  abNotAwayTogether: z.boolean().default(true),
  /** Windows (numbers) where someone off the A/B roster may act and count as cover; elsewhere they are flagged and do not cover (practice.md §2.3 item 29). */
  offRosterAllowed: z.array(z.number().int().positive()).default([]),
  /** Live alerts: minutes into a session before a window nobody staffs raises an alert (our default, evaluation-defaults §7 window_not_opened_after_start_min). */
  windowUnstaffedAlertMinutes: z.number().int().positive().default(10),
  /** Live alerts: minutes into a session before a rostered staffer not signed in and not on leave raises an alert (our default, the same 10). */
  notSignedInAlertMinutes: z.number().int().positive().default(10),
  approval: z
    .object({
      /**
       * Who approves by the request's length in half-days (sessions): ≤ 1 half-day the window
       * head (S16, S21), ≤ 4 half-days (2 days) the centre's supervision desk (S24), longer the
       * centre leader (S24; S20 draws the line at 3 days). A 补签 correction is length 0.
       */
      windowHeadMaxHalfDays: z.number().int().min(0).default(1),
      supervisionMaxHalfDays: z.number().int().min(0).default(4),
      /** Staff ids per level; an empty list means any manager of the hall. Admins approve at every level. */
      windowHead: staffIds,
      supervision: staffIds,
      leader: staffIds,
    })
    .default(() => ({ windowHeadMaxHalfDays: 1, supervisionMaxHalfDays: 4, windowHead: [], supervision: [], leader: [] })),
});

export type AttendanceRules = z.infer<typeof attendanceSchema>;
export const defaultAttendanceRules = (): AttendanceRules => attendanceSchema.parse({});
