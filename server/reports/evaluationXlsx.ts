/**
 * A month's evaluation as the published workbook (月通报): 人员排名 (the staff ranking with grades,
 * 服务之星, 一票否决, 约谈), 窗口排名 (with 红旗窗口), 人员分项 (each staffer's categories and queue
 * figures) and 扣分明细 (every deduction, bonus and veto with the records behind it). Chinese
 * headers, numbers as numbers, times in the hall's zone. No I/O: it returns the file's bytes.
 */
import ExcelJS from 'exceljs';
import { evaluationCategories } from '../domain/evaluation/records.js';
import type { MonthEvaluation, ScoreItem, StaffEvaluation, WindowEvaluation } from '../domain/evaluation/result.js';
import { localTime, wallClockText } from '../domain/time.js';
import { categoryNames, gradeNames, itemText, monthTitle, refsText } from './evaluationNames.js';
import { sheet, type Column } from './xlsxSheet.js';
import { rankedStaff, rankedWindows } from './evaluationOrder.js';

export interface EvaluationReportInfo {
  hallName: string;
  timeZone: string;
  version: number;
  computedAt: number;
}

/** An instant as the spreadsheet's date-time: the hall's wall clock (spreadsheets have no zones). */
export function wallClock(epochMs: number, timeZone: string): Date {
  const l = localTime(epochMs, timeZone);
  const [y, m, d] = l.date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 0, l.minutes));
}

const yes = (b: boolean) => (b ? '是' : null);
// A month's report is a few columns wide: each sheet prints one page wide.
const wide = { fitToWidth: true };
const AWARD_FILL = 'FFFFF2CC';
const ALERT_FILL = 'FFFCE4D6';

/** A deduction, bonus or veto with whose it is. */
export interface ListedItem {
  subject: '人员' | '窗口';
  id: string;
  name: string;
  item: ScoreItem;
}

/** Every item of the month, staff first (by rank), then windows (by rank), each in time order. */
export function listedItems(e: MonthEvaluation): ListedItem[] {
  const byTime = (a: ScoreItem, b: ScoreItem) => (a.at ?? Infinity) - (b.at ?? Infinity);
  const staff = rankedStaff(e);
  const windows = rankedWindows(e);
  return [
    ...staff.flatMap((s) => [...s.items].sort(byTime).map((item): ListedItem => ({ subject: '人员', id: s.staffId, name: s.name, item }))),
    ...windows.flatMap((w) => [...w.items].sort(byTime).map((item): ListedItem => ({ subject: '窗口', id: String(w.number), name: w.name, item }))),
  ];
}

function fill(ws: ExcelJS.Worksheet, firstDataRow: number, rows: readonly unknown[], colour: (i: number) => string | undefined): void {
  rows.forEach((_, i) => {
    const argb = colour(i);
    if (!argb) return;
    ws.getRow(firstDataRow + i).eachCell({ includeEmpty: false }, (cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
    });
  });
}

export async function evaluationXlsx(e: MonthEvaluation, info: EvaluationReportInfo): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '一窗 YiChuang';
  const title = `${info.hallName} ${monthTitle(e.month)} 月度考核通报`;
  const stamp = `第 ${info.version} 版 · 计算于 ${wallClockText(info.computedAt, info.timeZone)}`;
  const windowNames = new Map(e.windows.map((w) => [w.windowId, `${w.number} 号 ${w.name}`]));
  const score = (s: StaffEvaluation, c: (typeof evaluationCategories)[number]) => s.categories.find((x) => x.category === c);

  const maxOf = (c: (typeof evaluationCategories)[number]) => e.staff.map((s) => score(s, c)?.max).find((m) => m !== undefined);
  const staff = rankedStaff(e);
  const ranking = sheet<StaffEvaluation>(book, '人员排名', `${title} · 人员排名 (${stamp})`, [
    { header: '名次', width: 6, kind: 'int', value: (s) => s.rank },
    { header: '工号', width: 8, kind: 'text', value: (s) => s.staffId },
    { header: '姓名', width: 10, kind: 'text', value: (s) => s.name },
    { header: '窗口', width: 34, kind: 'text', value: (s) => s.windowIds.map((w) => windowNames.get(w) ?? w).join('、') },
    ...evaluationCategories.map((c): Column<StaffEvaluation> => ({ header: maxOf(c) === undefined ? categoryNames[c] : `${categoryNames[c]}(${maxOf(c)})`, width: 10, kind: 'score', value: (s) => score(s, c)?.score ?? null })),
    { header: '加分', width: 6, kind: 'score', value: (s) => s.bonus },
    { header: '总分', width: 8, kind: 'score', value: (s) => s.total },
    { header: '等次', width: 8, kind: 'text', value: (s) => gradeNames[s.grade] },
    { header: '服务之星', width: 8, kind: 'text', value: (s) => yes(s.serviceStar) },
    { header: '一票否决', width: 8, kind: 'text', value: (s) => yes(s.vetoed) },
    { header: '约谈', width: 6, kind: 'text', value: (s) => yes(s.talk) },
  ], staff, wide);
  fill(ranking, 3, staff, (i) => (staff[i]!.serviceStar ? AWARD_FILL : staff[i]!.talk || staff[i]!.vetoed ? ALERT_FILL : undefined));

  const windows = rankedWindows(e);
  const windowSheet = sheet<WindowEvaluation>(book, '窗口排名', `${title} · 窗口排名 (${stamp})`, [
    { header: '名次', width: 6, kind: 'int', value: (w) => w.rank },
    { header: '窗口号', width: 8, kind: 'int', value: (w) => w.number },
    { header: '窗口名称', width: 16, kind: 'text', value: (w) => w.name },
    { header: '效能与评价得分', width: 10, kind: 'score', value: (w) => w.efficiencyAndRating },
    { header: '人员平均分', width: 10, kind: 'score', value: (w) => w.staffMean },
    { header: '窗口总分', width: 9, kind: 'score', value: (w) => w.total },
    { header: '红旗窗口', width: 8, kind: 'text', value: (w) => yes(w.redFlag) },
    { header: '办件量', width: 8, kind: 'int', value: (w) => w.metrics.served },
    { header: '满意率', width: 9, kind: 'rate', value: (w) => w.metrics.satisfaction },
    { header: '差评数', width: 7, kind: 'int', value: (w) => w.metrics.badReviews },
    { header: '扣分项', width: 7, kind: 'int', value: (w) => w.items.filter((i) => i.points < 0).length },
  ], windows, wide);
  fill(windowSheet, 3, windows, (i) => (windows[i]!.redFlag ? AWARD_FILL : undefined));

  const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 100) / 100);
  sheet<StaffEvaluation>(book, '人员分项', `${title} · 人员分项得分与办件指标`, [
    { header: '工号', width: 7, kind: 'text', value: (s) => s.staffId },
    { header: '姓名', width: 8, kind: 'text', value: (s) => s.name },
    ...evaluationCategories.flatMap((c): Column<StaffEvaluation>[] => [
      { header: `${categoryNames[c]}扣分`, width: 7, kind: 'score', value: (s) => score(s, c)?.deducted ?? null },
      { header: `${categoryNames[c]}得分`, width: 7, kind: 'score', value: (s) => score(s, c)?.score ?? null },
    ]),
    { header: '加分', width: 5, kind: 'score', value: (s) => s.bonus },
    { header: '总分', width: 6, kind: 'score', value: (s) => s.total },
    { header: '办件量', width: 6, kind: 'int', value: (s) => s.metrics.served },
    { header: '平均等候(分钟)', width: 7, kind: 'minutes', value: (s) => minutes(s.metrics.waitAvgSeconds) },
    { header: '平均办理(分钟)', width: 7, kind: 'minutes', value: (s) => minutes(s.metrics.handlingAvgSeconds) },
    { header: '办理超时', width: 6, kind: 'int', value: (s) => s.metrics.handlingOverStandard },
    { header: '等候超时', width: 6, kind: 'int', value: (s) => s.metrics.waitOverTarget },
    { header: '参评率', width: 7, kind: 'rate', value: (s) => s.metrics.participation },
    { header: '满意率', width: 7, kind: 'rate', value: (s) => s.metrics.satisfaction },
    { header: '满意率(严格)', width: 7, kind: 'rate', value: (s) => s.metrics.strictSatisfaction },
    { header: '差评数', width: 6, kind: 'int', value: (s) => s.metrics.badReviews },
  ], staff, wide);

  const items = listedItems(e);
  sheet<ListedItem>(book, '扣分明细', `${title} · 扣分、加分与一票否决明细`, [
    { header: '对象', width: 6, kind: 'text', value: (l) => l.subject },
    { header: '工号/窗口号', width: 9, kind: 'text', value: (l) => l.id },
    { header: '姓名/窗口', width: 12, kind: 'text', value: (l) => l.name },
    { header: '类别', width: 10, kind: 'text', value: (l) => categoryNames[l.item.category] },
    { header: '项目', width: 26, kind: 'text', value: (l) => itemText(l.item) },
    { header: '分值', width: 6, kind: 'score', value: (l) => l.item.points },
    { header: '一票否决', width: 8, kind: 'text', value: (l) => yes(l.item.veto) },
    { header: '时间', width: 16, kind: 'datetime', value: (l) => (l.item.at === undefined ? null : wallClock(l.item.at, info.timeZone)) },
    { header: '记录数', width: 6, kind: 'int', value: (l) => l.item.refs.length },
    // Every record, however many (an efficiency item names each late ticket): the cell holds them
    // all, wrapped inside its column (printed, a long list shows its first line).
    { header: '依据(记录)', width: 60, kind: 'text', value: (l) => refsText(l.item), wrap: true },
  ], items, wide);

  return Buffer.from(await book.xlsx.writeBuffer());
}
