/**
 * The terminal's keyboard: every action has a key, shown on its button and in the legend.
 * (Staff keep one hand on the business system: F1 and Space are the "next" keys of hall keypads.)
 */

export type Command = 'call-next' | 'recall' | 'start' | 'complete' | 'no-show' | 'transfer' | 'away' | 'sign-out' | 'my-month';

export const shortcuts: { command: Command; keys: string[]; label: string }[] = [
  { command: 'call-next', keys: ['F1', 'Space'], label: 'F1 / {space}' },
  { command: 'recall', keys: ['R'], label: 'R' },
  { command: 'start', keys: ['S'], label: 'S' },
  { command: 'complete', keys: ['C'], label: 'C' },
  { command: 'no-show', keys: ['N'], label: 'N' },
  { command: 'transfer', keys: ['T'], label: 'T' },
  { command: 'away', keys: ['P'], label: 'P' },
  { command: 'sign-out', keys: ['Q'], label: 'Q' },
  // 我的考勤 (M for month): the staffer's own month over the desk; Esc returns.
  { command: 'my-month', keys: ['M'], label: 'M' },
];

/** A shortcut's label as shown, e.g. "F1 / 空格". */
export const keyLabel = (label: string, space: string): string => label.replace('{space}', space);

/** The command a key press stands for, or null. Modified keys (Ctrl+R …) stay the browser's. */
export function commandFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): Command | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const key = e.key === ' ' ? 'Space' : e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return shortcuts.find((s) => s.keys.includes(key))?.command ?? null;
}

/** Keys that pick option i of an open picker: 1–9, then 0, then letters. */
export const pickerKeys = '1234567890ABDEFGHIJKLMOUVWXYZ'.split('');

/**
 * The keys of the first `count` options as the legend shows them, e.g. "1–9、0、A、B、D–L": runs
 * of neighbouring keys joined, so the legend names exactly the keys that pick something.
 */
export function pickerKeyRange(count: number, separator = '、'): string {
  const keys = pickerKeys.slice(0, count);
  const runs: string[][] = [];
  for (const k of keys) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && k.charCodeAt(0) === last.charCodeAt(0) + 1) run.push(k);
    else runs.push([k]);
  }
  return runs.flatMap((r) => (r.length > 2 ? [`${r[0]}–${r.at(-1)}`] : r)).join(separator);
}
