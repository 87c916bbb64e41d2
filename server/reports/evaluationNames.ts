/**
 * The Chinese a published 月通报 prints for the evaluation's codes: categories, grades, the rules
 * of ../shared/rules/evaluation-defaults.md §7 and the kinds of records a score item points at.
 * A rule a hall added that is not named here prints as its key.
 */
import type { EvaluationCategory, RecordRef } from '../domain/evaluation/records.js';
import type { Grade, ScoreItem } from '../domain/evaluation/result.js';

export const categoryNames: Record<EvaluationCategory | 'bonus', string> = {
  attendance_discipline: '考勤纪律',
  conduct_etiquette: '服务礼仪',
  citizen_rating: '群众评价',
  efficiency: '办件效能',
  bonus: '加分',
};

export const gradeNames: Record<Grade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

export const ruleNames: Record<string, string> = {
  late_or_early_le_10min: '迟到/早退 10 分钟以内',
  late_or_early_10_to_30min: '迟到/早退 10–30 分钟',
  missed_punch: '缺卡',
  absence_half_day: '旷工半天',
  unreported_away_ge_15min: '未报备离岗 15 分钟以上',
  uncovered_window_kongang: '空岗',
  leave_over_monthly_quota_per_day: '事假超出月度限额',
  meeting_training_late_or_absent: '会议/培训迟到或缺席',
  fake_leave: '虚假请假',
  disobey_management: '不服从管理',
  no_badge_or_name_plate: '未佩戴工作牌/未摆放桌牌',
  dress_code: '着装不规范',
  dozing_shorts_slippers: '打瞌睡/穿短裤拖鞋',
  phone_games_video: '玩手机/游戏/视频',
  eating_at_window: '窗口内吃东西',
  chatting_crossing_posts: '闲聊/串岗',
  personal_calls: '打私人电话',
  taboo_language_or_rude: '服务忌语/态度生硬',
  refuse_or_shirk_enquiry: '推诿/拒绝咨询',
  quarrel_staff_at_fault: '与他人争吵(本人过错)',
  unrelated_work: '做与工作无关的事',
  bad_review_verified_at_fault: '差评核实属实',
  bad_review_unverified_or_appeal_upheld: '差评未核实/申诉成立',
  complaint_verified_at_fault: '投诉核实属实',
  rectification_overdue: '差评整改超期',
  wait_over_target_rate_above_10pct: '等候超时率超过 10%',
  handling_over_standard_rate_above_10pct: '办理超时率超过 10%',
  one_time_notice_missing: '一次性告知缺记录',
  negative_inspection_or_media_notice: '明查暗访或媒体负面通报',
  higher_level_criticism: '上级通报批评',
  praise_letter_or_banner_verified: '表扬信/锦旗',
  extended_hours_home_visit_holiday_service: '延时/上门/节假日服务',
  special_case_fast_track: '特事特办',
  media_or_higher_level_commendation: '媒体或上级表扬',
  demanding_or_taking_benefits: '吃拿卡要/乱收费',
  fake_rating: '诱导/虚假评价',
  quarrel_citizen: '与群众争吵',
  negative_notice: '负面通报',
  // The keys evaluateMonth gives its items (server/domain/evaluation/*Items.ts).
  leave_over_monthly_quota: '事假超出月度限额',
  veto_absence_days: '当月旷工一天及以上',
  veto_late_or_early_count: '当月迟到/早退 5 次及以上',
  wait_over_target_rate: '等候超时率超标',
  handling_over_standard_rate: '办理超时率超标',
  complaint_benefits: '吃拿卡要/乱收费(投诉属实)',
  complaint_fake_rating: '诱导/虚假评价(投诉属实)',
  complaint_quarrel_citizen: '与群众争吵(投诉属实)',
  complaint_negative_notice: '明查暗访或媒体负面通报',
  commendation_praise_letter: '表扬信/锦旗',
  commendation_extended_service: '延时/上门/节假日服务',
  commendation_fast_track: '特事特办',
  commendation_media: '媒体或上级表扬',
};

export const recordKindNames: Record<RecordRef['kind'], string> = {
  ticket: '号票', event: '事件', attendance: '考勤', case: '差评工单', inspection: '巡查', finding: '巡查问题', complaint: '投诉', commendation: '表扬',
};

export const ruleName = (rule: string): string => ruleNames[rule] ?? rule;

/** "−2", "+1", "0": points as a report prints them. */
export const signed = (n: number): string => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '0');

/** At most two decimals, none when whole. */
export const fmt = (n: number): string => String(Math.round(n * 100) / 100);

/** "巡查 in-3、巡查问题 f-7": the records behind an item. */
export const refsText = (item: ScoreItem): string => item.refs.map((r) => `${recordKindNames[r.kind]} ${r.id}`).join('、');

/** What an item is, in words: its rule, and 一票否决 when it vetoes. */
export const itemText = (item: ScoreItem): string => `${ruleName(item.rule)}${item.veto ? '(一票否决)' : ''}`;

/** "2026年11月" */
export const monthTitle = (month: string): string => {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
};
