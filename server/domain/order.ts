/**
 * Strings in code-unit order, for sorting ids (工号, window and case ids, device names, rule names).
 * Not `localeCompare`: its first call in a process maps ICU's collation data, 2–3 MB of RSS kept
 * for good (tests/hub/icu-free.test.ts), and its order follows the host's locale (under
 * LANG=zh_CN.UTF-8 node collates in pinyin), so the same roster could sort differently on two hubs.
 * Ids are ASCII by the configuration's schema (工号: letters, digits, - and _); against the root
 * collation this order puts upper case before lower (A1, B3, a2 rather than A1, a2, B3) and - before
 * digits, _ between the capitals and the small letters. Han text sorts by code point.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
