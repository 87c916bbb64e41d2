/**
 * The printable 月通报 for the notice board: one HTML page in Chinese, laid out for A4 paper
 * (print CSS, @page A4; the browser's 打印 → 另存为 PDF). Ranking with grades, 服务之星, 红旗窗口,
 * 约谈 and 一票否决, and a summary of the month's deductions by rule; every deduction with its
 * records is in the workbook. No I/O: it returns the page's text, every value escaped.
 */
import { evaluationCategories } from '../domain/evaluation/records.js';
import type { MonthEvaluation, ScoreItem } from '../domain/evaluation/result.js';
import { localTime } from '../domain/time.js';
import { categoryNames, fmt, gradeNames, itemText, monthTitle, signed } from './evaluationNames.js';
import type { EvaluationReportInfo } from './evaluationXlsx.js';
import { byCodeUnits } from '../domain/order.js';
import { rankedStaff, rankedWindows } from './evaluationOrder.js';

const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

const dateText = (epochMs: number, timeZone: string) => {
  const [y, m, d] = localTime(epochMs, timeZone).date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The month's deductions and bonuses grouped by rule: how often, how many points, whose. */
export interface RuleSummary {
  category: ScoreItem['category'];
  rule: string;
  label: string;
  count: number;
  points: number;
  who: string[];
}

export function summariseItems(e: MonthEvaluation): RuleSummary[] {
  const byRule = new Map<string, RuleSummary>();
  const add = (name: string, item: ScoreItem) => {
    const key = `${item.category}|${item.rule}|${item.veto}`;
    const s = byRule.get(key) ?? { category: item.category, rule: item.rule, label: itemText(item), count: 0, points: 0, who: [] };
    s.count += 1;
    s.points += item.points;
    if (!s.who.includes(name)) s.who.push(name);
    byRule.set(key, s);
  };
  for (const s of e.staff) for (const i of s.items) add(s.name, i);
  for (const w of e.windows) for (const i of w.items) add(`${w.number}号窗口`, i);
  const order = [...evaluationCategories, 'bonus'];
  return [...byRule.values()].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category) || a.points - b.points || byCodeUnits(a.rule, b.rule));
}

const style = `
@page { size: A4 portrait; margin: 16mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; color: #111; font-size: 10.5pt; }
body { margin: 0; }
main { max-width: 182mm; margin: 0 auto; }
header { text-align: center; border-bottom: 2px solid #b00; padding-bottom: 3mm; margin-bottom: 4mm; }
h1 { font-size: 20pt; color: #b00; margin: 0 0 2mm; letter-spacing: 0.05em; }
header p { margin: 0; font-size: 9.5pt; color: #444; }
h2 { font-size: 12.5pt; margin: 5mm 0 2mm; font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
p { margin: 1mm 0; line-height: 1.6; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 0.6pt solid #555; padding: 1mm 1.2mm; text-align: center; }
th { background: #eee; font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-weight: 600; }
td.left { text-align: left; }
.nowrap { white-space: nowrap; }
.item { width: 46mm; }
.names p { margin: 0.5mm 0; }
tr.star td { background: #fff4cc; }
tr.alert td { background: #fde3d6; }
.honours { display: flex; gap: 4mm; }
.honours section { flex: 1; border: 0.8pt solid #b00; padding: 2mm 3mm; }
.honours h2 { margin-top: 0; color: #b00; }
.names { font-size: 11pt; line-height: 1.6; }
.none { color: #666; }
.note { font-size: 8.5pt; color: #444; }
footer { margin-top: 8mm; text-align: right; line-height: 1.9; }
@media screen { body { background: #888; } main { background: #fff; padding: 16mm 14mm; margin: 8mm auto; width: 210mm; max-width: none; min-height: 297mm; } }
`;

export function evaluationPrintHtml(e: MonthEvaluation, info: EvaluationReportInfo): string {
  const tz = info.timeZone;
  const title = `${info.hallName} ${monthTitle(e.month)} 月度考核通报`;
  const windowNames = new Map(e.windows.map((w) => [w.windowId, `${w.number}号 ${w.name}`]));
  const staff = rankedStaff(e);
  const windows = rankedWindows(e);
  const count = (g: keyof typeof gradeNames) => staff.filter((s) => s.grade === g).length;
  const stars = staff.filter((s) => s.serviceStar);
  const flags = windows.filter((w) => w.redFlag);
  const talks = staff.filter((s) => s.talk);
  const vetoed = staff.filter((s) => s.vetoed);
  const hall = e.hall;
  const score = (s: (typeof staff)[number], c: (typeof evaluationCategories)[number]) => {
    const x = s.categories.find((k) => k.category === c);
    return x ? fmt(x.score) : '—';
  };
  const maxOf = (c: (typeof evaluationCategories)[number]) => staff.map((s) => s.categories.find((k) => k.category === c)?.max).find((m) => m !== undefined);
  const remarks = (s: (typeof staff)[number]) => [s.serviceStar ? '服务之星' : '', s.vetoed ? '一票否决' : '', s.talk ? '约谈' : ''].filter(Boolean).join('、');
  const names = (xs: string[]) => (xs.length ? `<div class="names">${xs.map((x) => `<p>${esc(x)}</p>`).join('')}</div>` : '<p class="none">本月无</p>');
  const summary = summariseItems(e);

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
<header>
<h1>${esc(title)}</h1>
<p>第 ${esc(info.version)} 版 · ${esc(dateText(info.computedAt, tz))}计算</p>
</header>

<h2>一、总体情况</h2>
<p>本月参加考核工作人员 ${staff.length} 人、窗口 ${windows.length} 个。考核等次：优秀 ${count('excellent')} 人，良好 ${count('good')} 人，合格 ${count('pass')} 人，不合格 ${count('fail')} 人。全中心办件 ${esc(hall.served)} 件，群众评价满意率 ${pct(hall.satisfaction)}（非常满意与满意 ${pct(hall.strictSatisfaction)}），参评率 ${pct(hall.participation)}，差评 ${esc(hall.badReviews)} 件。</p>

<div class="honours">
<section><h2>服务之星</h2>${names(stars.map((s) => `${s.name}（${s.windowIds.map((w) => windowNames.get(w) ?? w).join('、')}，${fmt(s.total)} 分）`))}</section>
<section><h2>红旗窗口</h2>${names(flags.map((w) => `${w.number}号窗口 ${w.name}（${fmt(w.total)} 分）`))}</section>
</div>

<h2>二、工作人员考核排名</h2>
<table>
<thead><tr><th>名次</th><th>姓名</th><th>窗口</th>${evaluationCategories.map((c) => `<th>${esc(categoryNames[c])}${maxOf(c) === undefined ? '' : `<br>(${esc(maxOf(c)!)})`}</th>`).join('')}<th>加分</th><th>总分</th><th>等次</th><th>备注</th></tr></thead>
<tbody>
${staff
  .map(
    (s) =>
      `<tr class="${s.serviceStar ? 'star' : s.talk || s.vetoed ? 'alert' : ''}"><td>${esc(s.rank)}</td><td>${esc(s.name)}</td><td class="left">${esc(s.windowIds.map((w) => windowNames.get(w) ?? w).join('、'))}</td>${evaluationCategories.map((c) => `<td>${score(s, c)}</td>`).join('')}<td>${esc(fmt(s.bonus))}</td><td><b>${esc(fmt(s.total))}</b></td><td>${esc(gradeNames[s.grade])}</td><td>${esc(remarks(s))}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>

<h2>三、窗口考核排名</h2>
<table>
<thead><tr><th>名次</th><th>窗口</th><th>效能与评价</th><th>人员平均分</th><th>窗口总分</th><th>办件量</th><th>满意率</th><th>差评</th><th>备注</th></tr></thead>
<tbody>
${windows
  .map(
    (w) =>
      `<tr class="${w.redFlag ? 'star' : ''}"><td>${esc(w.rank)}</td><td class="left">${esc(`${w.number}号窗口 ${w.name}`)}</td><td>${esc(fmt(w.efficiencyAndRating))}</td><td>${esc(fmt(w.staffMean))}</td><td><b>${esc(fmt(w.total))}</b></td><td>${esc(w.metrics.served)}</td><td>${pct(w.metrics.satisfaction)}</td><td>${esc(w.metrics.badReviews)}</td><td>${w.redFlag ? '红旗窗口' : ''}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>

<h2>四、约谈与一票否决</h2>
<p>连续两个月排名末位、予以约谈：${talks.length ? talks.map((s) => `${esc(s.name)}（第 ${esc(s.rank)} 名，${esc(fmt(s.total))} 分）`).join('、') : '本月无'}。</p>
<p>一票否决、本月不参加评优：${vetoed.length ? vetoed.map((s) => `${esc(s.name)}（${esc(s.items.filter((i) => i.veto).map(itemText).join('、'))}）`).join('、') : '本月无'}。</p>

<h2>五、扣分情况汇总</h2>
${
  summary.length
    ? `<table>
<thead><tr><th class="nowrap">类别</th><th class="item">考核项目</th><th class="nowrap">次数</th><th class="nowrap">合计分值</th><th>涉及人员/窗口</th></tr></thead>
<tbody>
${summary.map((r) => `<tr><td class="nowrap">${esc(categoryNames[r.category])}</td><td class="left">${esc(r.label)}</td><td>${esc(r.count)}</td><td>${r.points === 0 && r.label.endsWith('(一票否决)') ? '否决' : esc(signed(r.points))}</td><td class="left">${esc(r.who.join('、'))}</td></tr>`).join('\n')}
</tbody>
</table>
<p class="note">每一项扣分、加分的时间与依据记录（号票、考勤、巡查、差评工单、投诉、表扬）见同期考核表（xlsx）“扣分明细”。</p>`
    : '<p class="none">本月无扣分、加分事项。</p>'
}

<footer>
<p>${esc(info.hallName)}</p>
<p>${esc(dateText(info.computedAt, tz))}</p>
</footer>
</main>
</body>
</html>
`;
}
