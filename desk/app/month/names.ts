/** The month view's labels for the evaluation's codes (message keys, the code itself when a hall added a rule with no name). */
import { t } from '../../../display/lib/i18n/index.js';

const or = (key: string, fallback: string) => {
  const s = t(key);
  return s === key ? fallback : s;
};
export const ruleLabel = (rule: string): string => or(`desk.month.rules.${rule}`, rule);
export const categoryLabel = (c: string): string => or(`desk.month.categories.${c}`, c);
export const gradeLabel = (g: string | null): string => (g ? or(`desk.month.grades.${g}`, g) : '—');
export const kindLabel = (k: string): string => or(`desk.month.recordKind.${k}`, k);
export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
export const fmt = (n: number): string => String(Math.round(n * 100) / 100);
export const signed = (n: number): string => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '0');

/** A code of a record in Chinese when the messages name it (a case's state, a complaint's or commendation's kind), else as it is. */
function codeLabel(field: string, v: string): string {
  if (field === 'itemId') return ruleLabel(v);
  if (field === 'state') return or(`desk.cases.states.${v}`, v);
  if (field === 'kind') return or(`desk.cases.complaintKind.${v}`, or(`desk.cases.commendationKind.${v}`, v));
  return v;
}

/** A record the drill-down found, in a few words: its number, kind, state, note — what it has (a ticket's status is left out). */
export function recordSummary(record: Record<string, unknown> | undefined): string {
  if (!record) return t('desk.month.notFound');
  const parts: string[] = [];
  for (const k of ['number', 'ticketNumber', 'kind', 'itemId', 'label', 'state', 'reason', 'note']) {
    const v = record[k];
    if (typeof v === 'string' && v && parts.length < 4) parts.push(codeLabel(k, v));
  }
  return parts.join(' · ');
}
