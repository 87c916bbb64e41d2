/**
 * China's public holidays and 调休 working days, as the State Council publishes them each year
 * (国务院办公厅关于 <year> 年部分节假日安排的通知). The dates move every year, so they are data,
 * one entry per notice: add next year's when the notice is out (usually in November) and an
 * unknown year is reported (calendar.ts) instead of guessed.
 *
 * `off`: every day of each holiday run, weekends inside it included (放假).
 * `work`: the weekend days that become working days (调休上班).
 */
export interface HolidayYear {
  /** The notice the dates are copied from. */
  source: string;
  off: string[];
  work: string[];
}

/** Every date from `from` to `to` inclusive (YYYY-MM-DD). */
function run(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const chinaHolidays: Record<number, HolidayYear> = {
  // 国办发明电〔2024〕12号, 2024-11-12 (Xinhua). Note: practice.md §3.1/S34 gives 2025-05-04 as
  // a working Sunday; the notice says 4月27日(周日)上班 — 5月4日 is inside the 劳动节 run.
  2025: {
    source: '国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)',
    off: [
      '2025-01-01', // 元旦 (周三, 不调休)
      ...run('2025-01-28', '2025-02-04'), // 春节
      ...run('2025-04-04', '2025-04-06'), // 清明节
      ...run('2025-05-01', '2025-05-05'), // 劳动节
      ...run('2025-05-31', '2025-06-02'), // 端午节
      ...run('2025-10-01', '2025-10-08'), // 国庆节、中秋节
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  // 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04 (Xinhua, gmw.cn).
  2026: {
    source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
    off: [
      ...run('2026-01-01', '2026-01-03'), // 元旦
      ...run('2026-02-15', '2026-02-23'), // 春节
      ...run('2026-04-04', '2026-04-06'), // 清明节
      ...run('2026-05-01', '2026-05-05'), // 劳动节
      ...run('2026-06-19', '2026-06-21'), // 端午节
      ...run('2026-09-25', '2026-09-27'), // 中秋节
      ...run('2026-10-01', '2026-10-07'), // 国庆节
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};
