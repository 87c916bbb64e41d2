import { describe, expect, it } from 'vitest';
import { datesOfMonth, HallCalendar } from '../../server/domain/calendar/calendar.js';
import { parseConfig } from '../../server/config.js';
import { Hall } from '../../server/domain/hall.js';
import { epochOfLocal } from '../../server/domain/time.js';

const weekdays = [1, 2, 3, 4, 5];

describe('the hall calendar', () => {
  const cal = new HallCalendar({ weekdays, holidays: [], workdays: [] });

  it('closes on the national holidays of 2025 and 2026 and opens on their 调休 weekend days', () => {
    // 2025: 春节 1/28–2/4, 1/26 (Sun) and 2/8 (Sat) worked; 劳动节 5/1–5/5 with 4/27 (Sun) worked.
    expect(cal.day('2025-01-28')).toMatchObject({ working: false, kind: 'holiday', unknownYear: false });
    expect(cal.day('2025-02-04')).toMatchObject({ working: false, kind: 'holiday' });
    expect(cal.day('2025-01-26')).toMatchObject({ working: true, kind: 'makeup' });
    expect(cal.day('2025-02-08')).toMatchObject({ working: true, kind: 'makeup' });
    expect(cal.day('2025-04-27')).toMatchObject({ working: true, kind: 'makeup' });
    expect(cal.day('2025-05-04')).toMatchObject({ working: false, kind: 'holiday' });
    expect(cal.day('2025-10-08')).toMatchObject({ working: false, kind: 'holiday' });
    expect(cal.day('2025-10-11')).toMatchObject({ working: true, kind: 'makeup' });
    // 2026: 元旦 1/1–1/3 with 1/4 (Sun) worked; 春节 2/15–2/23 with 2/14 and 2/28 (Sat); 国庆 10/1–10/7 with 9/20 (Sun) and 10/10 (Sat).
    expect(cal.day('2026-01-02')).toMatchObject({ working: false, kind: 'holiday' });
    expect(cal.day('2026-01-04')).toMatchObject({ working: true, kind: 'makeup' });
    expect(cal.day('2026-02-23')).toMatchObject({ working: false, kind: 'holiday' });
    expect(cal.day('2026-02-24')).toMatchObject({ working: true, kind: 'workday' });
    expect(cal.day('2026-02-28')).toMatchObject({ working: true, kind: 'makeup' });
    expect(cal.day('2026-05-09')).toMatchObject({ working: true, kind: 'makeup' });
    expect(cal.day('2026-06-19')).toMatchObject({ working: false, kind: 'holiday' });
    expect(cal.day('2026-09-20')).toMatchObject({ working: true, kind: 'makeup' });
    expect(cal.day('2026-10-07')).toMatchObject({ working: false, kind: 'holiday' });
    expect(cal.day('2026-10-10')).toMatchObject({ working: true, kind: 'makeup' });
    // An ordinary week around them.
    expect(cal.day('2026-03-07')).toMatchObject({ working: false, kind: 'rest' }); // Saturday
    expect(cal.day('2026-03-09')).toMatchObject({ working: true, kind: 'workday' }); // Monday
  });

  it('counts the working days of a month by hand: February 2026 has 15 (20 weekdays − 6 holidays + 1 调休 Saturday)', () => {
    // Weekdays of Feb 2026: 20. Holidays on weekdays: 16, 17, 18, 19, 20, 23 (6). Worked Saturdays: 14, 28 (2).
    expect(datesOfMonth('2026-02').filter((d) => cal.isWorkingDay(d))).toHaveLength(20 - 6 + 2);
  });

  it('warns about a year it has no published dates for instead of guessing', () => {
    expect(cal.day('2027-02-08')).toMatchObject({ working: true, kind: 'workday', unknownYear: true });
    expect(cal.unknownYears('2026-12-01', '2027-01-31')).toEqual([2027]);
    expect(cal.unknownYears('2026-01-01', '2026-12-31')).toEqual([]);
  });

  it('lets the hall override: its own closed days, its own open days (周末不打烊, a holiday opening), or no national calendar at all', () => {
    const hall = new HallCalendar({ weekdays, holidays: ['2026-03-09'], workdays: ['2026-03-07', '2026-10-02'] });
    expect(hall.day('2026-03-09')).toMatchObject({ working: false, kind: 'hall_closed' });
    expect(hall.day('2026-03-07')).toMatchObject({ working: true, kind: 'hall_open' });
    expect(hall.day('2026-10-02')).toMatchObject({ working: true, kind: 'hall_open' });
    const plain = new HallCalendar({ weekdays, holidays: [], workdays: [], nationalCalendar: false });
    expect(plain.day('2026-10-02')).toMatchObject({ working: true, kind: 'workday', unknownYear: false });
    expect(plain.unknownYears('2027-01-01', '2027-12-31')).toEqual([]);
  });

  it('keeps the kiosk shut on a national holiday and open on a 调休 Saturday', () => {
    const [config] = parseConfig({
      halls: [{ id: 'h', name: 'h', level: 'town', services: [{ id: 's', name: 's', prefix: 'A', standardMinutes: 5 }], windows: [{ number: 1, name: 'w', tiers: [['s']] }] }],
    }).halls;
    const hall = new Hall(config!);
    const service = hall.services.get('s')!;
    expect(hall.issuingRefusal(service, epochOfLocal('2026-10-02', '09:00', 'Asia/Shanghai'))).toBe('not_working_day');
    expect(hall.issuingRefusal(service, epochOfLocal('2026-10-10', '09:00', 'Asia/Shanghai'))).toBeNull();
  });
});

describe('epochOfLocal', () => {
  it('gives the instant of a hall-local wall-clock time (it was a month early: Date.UTC takes a 0-based month)', () => {
    expect(new Date(epochOfLocal('2026-10-02', '09:00', 'Asia/Shanghai')).toISOString()).toBe('2026-10-02T01:00:00.000Z');
    expect(new Date(epochOfLocal('2026-03-01', '00:10', 'Asia/Shanghai')).toISOString()).toBe('2026-02-28T16:10:00.000Z');
  });
});
