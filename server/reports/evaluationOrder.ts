/**
 * The order a published 月通报 lists a month's results in, the same in the printed page and the
 * workbook: by rank, ties by 工号 (staff) or window number.
 */
import type { MonthEvaluation, StaffEvaluation, WindowEvaluation } from '../domain/evaluation/result.js';
import { byCodeUnits } from '../domain/order.js';

export const rankedStaff = (e: MonthEvaluation): StaffEvaluation[] => [...e.staff].sort((a, b) => a.rank - b.rank || byCodeUnits(a.staffId, b.staffId));
export const rankedWindows = (e: MonthEvaluation): WindowEvaluation[] => [...e.windows].sort((a, b) => a.rank - b.rank || a.number - b.number);
