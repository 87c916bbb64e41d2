/**
 * A hall's local time: arithmetic for the zones with a fixed offset since 1992 (server/domain/
 * zones.ts), Intl for the rest. The expected values come from Intl itself, called here directly
 * (a second implementation), and from the tz database's history by hand.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { epochOfLocal, localTime, wallClockText } from '../../server/domain/time.js';
import { FIXED_SINCE, fixedOffsetZones, isKnownTimeZone } from '../../server/domain/zones.js';

const formats = new Map<string, Intl.DateTimeFormat>();
const format = (timeZone: string): Intl.DateTimeFormat => {
  if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' }));
  return formats.get(timeZone)!;
};

/** What Intl says: "YYYY-MM-DD", minutes since midnight, ISO weekday. */
function byIntl(epochMs: number, timeZone: string): { date: string; minutes: number; weekday: number } {
  const parts = Object.fromEntries(format(timeZone).formatToParts(epochMs).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1,
  };
}

const UNTIL = Date.UTC(2040, 11, 31, 23, 59);

describe('a hall in a zone with a fixed offset', () => {
  afterEach(() => vi.restoreAllMocks());

  it('Intl knows every zone of the table', () => {
    for (const zone of fixedOffsetZones()) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone }), zone).not.toThrow();
  });

  it('reads the same local time as Intl, for every zone of the table, any minute from 1992 to 2040', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixedOffsetZones()), fc.integer({ min: FIXED_SINCE, max: UNTIL }), (zone, at) => {
        expect(localTime(at, zone)).toEqual(byIntl(at, zone));
      }),
      { seed: 20261207, numRuns: 20_000 },
    );
  });

  it('around each local midnight and each new year, minute by minute', () => {
    for (const zone of ['Asia/Shanghai', 'Asia/Urumqi', 'UTC']) {
      for (const year of [1992, 2000, 2024, 2026, 2027, 2040]) {
        const start = epochOfLocal(`${year}-01-01`, '00:00', zone);
        for (let m = -90; m <= 90; m++) {
          const at = start + m * 60_000 + 59_999;
          if (at >= FIXED_SINCE) expect(localTime(at, zone), `${zone} ${new Date(at).toISOString()}`).toEqual(byIntl(at, zone));
        }
      }
    }
  });

  it('in Beijing: 2026-12-07 00:30 local is 2026-12-06 16:30 UTC, a Monday; the ticket prints the wall clock', () => {
    const at = Date.UTC(2026, 11, 6, 16, 30);
    expect(localTime(at, 'Asia/Shanghai')).toEqual({ date: '2026-12-07', minutes: 30, weekday: 1 });
    expect(epochOfLocal('2026-12-07', '00:30', 'Asia/Shanghai')).toBe(at);
    expect(wallClockText(at, 'Asia/Shanghai')).toBe('2026-12-07 00:30');
    expect(wallClockText(Date.UTC(2025, 2, 4, 23, 5), 'UTC')).toBe('2025-03-04 23:05');
  });

  it('never builds an Intl formatter for them (whose first use costs a process ~8 MB of ICU data)', () => {
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    for (const zone of fixedOffsetZones()) {
      localTime(Date.UTC(2026, 5, 1, 3, 7), zone);
      wallClockText(Date.UTC(2026, 5, 1, 3, 8), zone);
      expect(isKnownTimeZone(zone)).toBe(true);
    }
    expect(made).not.toHaveBeenCalled();
  });
});

describe('a hall elsewhere, or an instant before 1992', () => {
  it('Beijing kept summer time until 1991: 1988-07-01 00:00 UTC was 09:00 there, not 08:00', () => {
    // tz database, asia: Shanghai observed DST 1986–1991 (UTC+9 in summer).
    expect(localTime(Date.UTC(1988, 6, 1, 0, 0), 'Asia/Shanghai')).toEqual({ date: '1988-07-01', minutes: 9 * 60, weekday: 5 });
  });

  it('a zone with daylight saving still follows its rules (Europe/Berlin, both sides of the 2026 change)', () => {
    // 2026-03-29 01:00 UTC: clocks go from 02:00 CET to 03:00 CEST.
    expect(localTime(Date.UTC(2026, 2, 29, 0, 59), 'Europe/Berlin').minutes).toBe(1 * 60 + 59);
    expect(localTime(Date.UTC(2026, 2, 29, 1, 0), 'Europe/Berlin').minutes).toBe(3 * 60);
    expect(wallClockText(Date.UTC(2026, 6, 1, 10, 0), 'Europe/Berlin')).toBe('2026-07-01 12:00');
  });

  it('an unknown zone is refused; a known one outside the table is accepted', () => {
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(() => localTime(Date.UTC(2026, 0, 1), 'Mars/Olympus')).toThrow(RangeError);
  });
});
