/**
 * Time zones whose clocks have kept one offset from UTC since 1992: China's (no daylight saving
 * since 1991) and the zones beside it a hall may name. Their local time is plain arithmetic.
 *
 * Why not always ask Intl: the first Intl formatter a process makes maps ICU's locale and zone
 * data into it, about 8 MB of RSS that stays (measured: `new Intl.DateTimeFormat('en', { timeZone:
 * 'Asia/Shanghai' })` in a bare node takes it from 40 to 48 MB; bench:fanout's hub 187 → 179 MB).
 * A hub asks the hall's local time on every command; with these zones it never touches ICU.
 * Other zones, and instants before 1992, still go through Intl (time.ts).
 *
 * Source: the IANA time zone database, file `asia` (and `backward` for the old names): the PRC's
 * last daylight saving ended 1991-09-15; Hong Kong's, Macau's and Taiwan's in 1979; Xinjiang time
 * (Asia/Urumqi) has been UTC+6 since 1980. tests/engine/hall-time.test.ts checks every zone here
 * against Intl over 1992–2040.
 */

/** From this instant on, each zone below has kept its offset. */
export const FIXED_SINCE = Date.UTC(1992, 0, 1);

const FIXED_OFFSET_MINUTES: ReadonlyMap<string, number> = new Map([
  ['Asia/Shanghai', 480],
  ['Asia/Chongqing', 480],
  ['Asia/Chungking', 480],
  ['Asia/Harbin', 480],
  ['PRC', 480],
  ['Asia/Hong_Kong', 480],
  ['Hongkong', 480],
  ['Asia/Macau', 480],
  ['Asia/Macao', 480],
  ['Asia/Taipei', 480],
  ['ROC', 480],
  ['Asia/Urumqi', 360],
  ['Asia/Kashgar', 360],
  ['UTC', 0],
  ['Etc/UTC', 0],
  ['Etc/GMT', 0],
]);

/** The zones this table answers for (the test walks them). */
export const fixedOffsetZones = (): string[] => [...FIXED_OFFSET_MINUTES.keys()];

/** Minutes east of UTC of `timeZone` at `epochMs`, when the table knows it; else undefined (ask Intl). */
export function fixedOffsetMinutes(timeZone: string, epochMs: number): number | undefined {
  return epochMs >= FIXED_SINCE ? FIXED_OFFSET_MINUTES.get(timeZone) : undefined;
}

/** A zone name a hall may use: one of the table's, or any Intl knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (FIXED_OFFSET_MINUTES.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
