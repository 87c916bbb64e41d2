/**
 * The published 月通报: the workbook read back with exceljs and the A4 page's text, cell by cell
 * against the golden month worked out by hand (tests/evaluation/fixtures/goldenMonth.ts).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { MonthEvaluation } from '../../server/domain/evaluation/result.js';
import { evaluationPrintHtml } from '../../server/reports/evaluationPrint.js';
import { evaluationXlsx } from '../../server/reports/evaluationXlsx.js';
import { goldenV1 } from './fixtures/goldenMonth.js';

const info = { hallName: '测试县政务服务中心', timeZone: 'Asia/Shanghai', version: 1, computedAt: Date.parse('2026-12-01T00:15:00+08:00') };

async function read(e: MonthEvaluation): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await evaluationXlsx(e, info)) as never);
  return book;
}
/** A sheet's rows from the header down, as plain values (dates as ISO text). */
function rows(book: ExcelJS.Workbook, name: string): unknown[][] {
  const ws = book.getWorksheet(name)!;
  const out: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n < 2) return;
    const raw = row.values as unknown[];
    // Empty cells are holes in exceljs's array (and trailing ones are missing): read every column.
    const values = Array.from({ length: ws.columnCount }, (_, i) => {
      const v = raw[i + 1];
      return v instanceof Date ? v.toISOString().slice(0, 16) : (v ?? null);
    });
    out.push(values);
  });
  return out;
}

describe('the 月通报 workbook', () => {
  it('has the four sheets, each titled with the hall, the month and the version', async () => {
    const book = await read(goldenV1);
    expect(book.worksheets.map((w) => w.name)).toEqual(['人员排名', '窗口排名', '人员分项', '扣分明细']);
    expect(book.getWorksheet('人员排名')!.getCell('A1').value).toBe('测试县政务服务中心 2026年11月 月度考核通报 · 人员排名 (第 1 版 · 计算于 2026-12-01 00:15)');
  });

  it('ranks the staff with categories, bonus, total, grade, 服务之星, 一票否决 and 约谈', async () => {
    expect(rows(await read(goldenV1), '人员排名')).toEqual([
      ['名次', '工号', '姓名', '窗口', '考勤纪律(30)', '服务礼仪(20)', '群众评价(25)', '办件效能(25)', '加分', '总分', '等次', '服务之星', '一票否决', '约谈'],
      [1, 's1', '张伟', '1 号 综合受理一', 29, 20, 25, 25, 1, 100, '优秀', '是', null, null],
      [2, 's3', '王芳', '3 号 税务', 30, 19, 25, 22, 0, 96, '优秀', null, null, null],
      [3, 's2', '李娜', '2 号 综合受理二、1 号 综合受理一', 27, 15, 23, 25, 0, 90, '优秀', null, null, null],
      [4, 's4', '刘洋', '3 号 税务、2 号 综合受理二', 20, 20, 20, 25, 0, 85, '良好', null, '是', '是'],
    ]);
  });

  it('ranks the windows with their two halves, total and 红旗窗口', async () => {
    expect(rows(await read(goldenV1), '窗口排名').map((r) => r.slice(0, 8))).toEqual([
      ['名次', '窗口号', '窗口名称', '效能与评价得分', '人员平均分', '窗口总分', '红旗窗口', '办件量'],
      [1, 1, '综合受理一', 96, 95, 95.5, '是', 640],
      [2, 3, '税务', 92, 90.5, 91.25, null, 170],
      [3, 2, '综合受理二', 86, 87.5, 86.75, null, 228],
    ]);
  });

  it('details each staffer’s categories and queue figures as numbers, rates as fractions', async () => {
    const [head, s1, , s2] = rows(await read(goldenV1), '人员分项');
    expect(head!.slice(0, 12)).toEqual(['工号', '姓名', '考勤纪律扣分', '考勤纪律得分', '服务礼仪扣分', '服务礼仪得分', '群众评价扣分', '群众评价得分', '办件效能扣分', '办件效能得分', '加分', '总分']);
    expect(s1!.slice(0, 16)).toEqual(['s1', '张伟', 1, 29, 0, 20, 0, 25, 0, 25, 1, 100, 412, 9, 6.83, 0]);
    // 李娜: 270 of 380 rated; 269 of 270 at level 3 or above; 1 bad review.
    expect(s2![0]).toBe('s2');
    expect(s2!.slice(-4)).toEqual([270 / 380, 269 / 270, 260 / 270, 1]);
    const ws = (await read(goldenV1)).getWorksheet('人员分项')!;
    expect(ws.getRow(3).getCell(head!.indexOf('满意率') + 1).numFmt).toBe('0.00%');
  });

  it('lists every deduction, bonus and veto with its time in the hall’s zone and its records', async () => {
    const list = rows(await read(goldenV1), '扣分明细');
    expect(list[0]).toEqual(['对象', '工号/窗口号', '姓名/窗口', '类别', '项目', '分值', '一票否决', '时间', '记录数', '依据(记录)']);
    expect(list.slice(1)).toEqual([
      ['人员', 's1', '张伟', '考勤纪律', '迟到/早退 10 分钟以内', -1, null, '2026-11-05T08:36', 1, '考勤 s1:2026-11-05:am'],
      ['人员', 's1', '张伟', '加分', '表扬信/锦旗', 1, null, '2026-11-12T10:00', 1, '表扬 cm-1'],
      ['人员', 's3', '王芳', '服务礼仪', '未佩戴工作牌/未摆放桌牌', -1, null, '2026-11-19T09:40', 2, '巡查 in-5、巡查问题 f-9'],
      ['人员', 's3', '王芳', '办件效能', '等候超时率超过 10%', -2, null, null, 2, '号票 t1-20261109-C002、号票 t1-20261124-C001'],
      ['人员', 's3', '王芳', '办件效能', '办理超时率超过 10%', -1, null, null, 1, '号票 t1-20261111-C003'],
      ['人员', 's2', '李娜', '考勤纪律', '迟到/早退 10–30 分钟', -3, null, '2026-11-03T13:48', 1, '考勤 s2:2026-11-03:pm'],
      ['人员', 's2', '李娜', '服务礼仪', '玩手机/游戏/视频', -5, null, '2026-11-10T15:20', 2, '巡查 in-3、巡查问题 f-7'],
      ['人员', 's2', '李娜', '群众评价', '差评核实属实', -2, null, '2026-11-17T11:05', 2, '差评工单 c-2、号票 t1-20261117-A014'],
      ['人员', 's4', '刘洋', '考勤纪律', '旷工半天', -5, null, '2026-11-20T08:30', 1, '考勤 s4:2026-11-20:am'],
      ['人员', 's4', '刘洋', '考勤纪律', '当月旷工一天及以上(一票否决)', 0, '是', '2026-11-20T08:30', 2, '考勤 s4:2026-11-20:am、考勤 s4:2026-11-20:pm'],
      ['人员', 's4', '刘洋', '考勤纪律', '旷工半天', -5, null, '2026-11-20T13:30', 1, '考勤 s4:2026-11-20:pm'],
      ['人员', 's4', '刘洋', '群众评价', '投诉核实属实', -5, null, '2026-11-25T10:10', 1, '投诉 cp-1'],
      ['窗口', '2', '综合受理二', '考勤纪律', '空岗', -2, null, '2026-11-20T09:10', 1, '考勤 t1-2:2026-11-20:kongang'],
    ]);
  });

  it('prints a month without staff or items as an empty ranking, not an error', async () => {
    const empty: MonthEvaluation = { ...goldenV1, staff: [], windows: [] };
    expect(rows(await read(empty), '人员排名')[0]).toContain('考勤纪律');
    expect(rows(await read(empty), '扣分明细')).toHaveLength(1);
  });
});

describe('the printable 月通报', () => {
  const html = evaluationPrintHtml(goldenV1, info);
  const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('is an A4 page in Chinese titled with the hall and the month', () => {
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/@page \{ size: A4 portrait;/);
    expect(html).toContain('<title>测试县政务服务中心 2026年11月 月度考核通报</title>');
    expect(text).toContain('第 1 版 · 2026年12月1日计算');
  });

  it('names the 服务之星, the 红旗窗口, who is called for 约谈 and who is vetoed', () => {
    expect(text).toContain('服务之星 张伟（1号 综合受理一，100 分）');
    expect(text).toContain('红旗窗口 1号窗口 综合受理一（95.5 分）');
    expect(text).toContain('予以约谈：刘洋（第 4 名，85 分）');
    expect(text).toContain('不参加评优：刘洋（当月旷工一天及以上(一票否决)）');
    expect(text).toContain('优秀 3 人，良好 1 人，合格 0 人，不合格 0 人');
  });

  it('ranks staff and windows in order and sums the deductions by rule', () => {
    const order = ['张伟', '王芳', '李娜', '刘洋'].map((n) => text.indexOf(` ${n} `, text.indexOf('二、工作人员考核排名')));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('考勤纪律 旷工半天 2 −10 刘洋');
    expect(text).toContain('服务礼仪 玩手机/游戏/视频 1 −5 李娜');
    expect(text).toContain('加分 表扬信/锦旗 1 +1 张伟');
    expect(text).toContain('考勤纪律 空岗 1 −2 2号窗口');
  });

  it('escapes names, so a staffer called <b> prints as text', () => {
    const odd: MonthEvaluation = { ...goldenV1, staff: [{ ...goldenV1.staff[0]!, name: '<script>x</script>' }] };
    const page = evaluationPrintHtml(odd, { ...info, hallName: 'A&B' });
    expect(page).not.toContain('<script>x');
    expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(page).toContain('A&amp;B');
  });
});
