/**
 * Strings in code-unit order, for sorting ids (工号, window and case ids, device names, rule names).
 * Not `localeCompare`: its first call in a process maps ICU's collation data, ~3 MB of RSS kept
 * for good (measured: `node -e "'a'.localeCompare('b')"` +3.0 MB), and ids have no language to
 * collate by. For Han characters the order is the same as the root collation's (by code point);
 * it differs only in case and punctuation, which ids sort by consistently either way.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
