/**
 * 我的考勤 at the counter: the staffer's month as the hub answers it (a hand-written answer, the
 * shape of GET /api/halls/{hall}/attendance/staff/{me}?month=), shown in Chinese, driven by keys.
 */
import { fireEvent, render, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import MyMonthView from '../../../counter/terminal/MyMonth.svelte';
import { MyMonth, monthOf, shiftMonth } from '../../../counter/terminal/myMonth.svelte.js';

const at = (iso: string) => Date.parse(`${iso}+08:00`);
const working = (date: string) => ({ date, working: true, kind: 'workday', unknownYear: false });
const november = {
  from: '2026-11-01', to: '2026-11-30', unknownYears: [], staffId: 's1',
  totals: {
    staffId: 's1', workingDays: 20, scheduledSessions: 40, presentSessions: 35, daysPresent: 17.5, onDutySessions: 1,
    late: { count: 2, minutes: 17 }, early: { count: 1, minutes: 5 }, missedPunches: 1, absenceHalfDays: 2, fullDayAbsences: 0,
    leave: { personal: { minutes: 450, days: 1 }, training: { minutes: 210, days: 0.5 } },
    away: { count: 3, minutes: 75, byReason: { meeting: { count: 1, minutes: 45 }, meal: { count: 2, minutes: 30 } } },
    unreportedAway: { count: 0, minutes: 0 }, coverMinutes: 130, offRosterMinutes: 0, kongangAsA: { count: 0, minutes: 0 }, restDayMinutes: 0,
  },
  days: [
    { calendar: { date: '2026-11-01', working: false, kind: 'rest', unknownYear: false }, staffId: 's1', date: '2026-11-01' },
    { calendar: working('2026-11-02'), staffId: 's1', date: '2026-11-02', sessions: [{ name: 'am', status: 'present', lateMinutes: 12 }, { name: 'pm', status: 'present' }] },
    { calendar: working('2026-11-03'), staffId: 's1', date: '2026-11-03', sessions: [{ name: 'am', status: 'present' }, { name: 'pm', status: 'absent', absenceCause: 'missed_punch', missedPunch: 'pm_out' }] },
    { calendar: working('2026-11-04'), staffId: 's1', date: '2026-11-04', sessions: [{ name: 'am', status: 'leave', leaveType: 'personal' }, { name: 'pm', status: 'leave', leaveType: 'personal' }] },
  ],
};
const requests = [
  { id: 'L1', hallId: 't1', staffId: 's1', kind: 'leave', leaveType: 'personal', startAt: at('2026-11-04T08:30:00'), endAt: at('2026-11-04T17:30:00'), reason: '家事', status: 'approved', level: 'supervision', requestedBy: 's1', createdAt: 0 },
  { id: 'L2', hallId: 't1', staffId: 's1', kind: 'correction', punch: 'pm_out', startAt: at('2026-11-03T17:40:00'), endAt: at('2026-11-03T17:40:00'), reason: '忘记签退', status: 'pending', level: 'window_head', requestedBy: 's1', createdAt: 0 },
];

let urls: string[];
beforeEach(() => {
  urls = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    urls.push(url);
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    if (url.includes('/attendance/staff/s1?month=2026-11')) return Response.json(november);
    if (url.includes('/attendance/staff/s1?month=2026-10')) return Response.json({ ...november, from: '2026-10-01', to: '2026-10-31', totals: null, days: [] });
    if (url.includes('/leave?from=2026-11-01&to=2026-11-30')) return Response.json({ items: requests });
    if (url.includes('/leave?')) return Response.json({ items: [] });
    return Response.json({ error: 'unknown_staff', message: '' }, { status: 404 });
  });
});
afterEach(() => vi.unstubAllGlobals());

const open = (month = '2026-11') => {
  const view = new MyMonth({ token: 'tok', hallId: 't1', staffId: 's1' }, month);
  const onclose = vi.fn();
  return { view, onclose, ...render(MyMonthView, { view, timeZone: 'Asia/Shanghai', onclose }) };
};

describe('我的考勤 at the counter', () => {
  it('shows the month’s figures: present days, late and early with minutes, missed punches, 旷工, cover', async () => {
    const { getByTestId } = open();
    await waitFor(() => expect(getByTestId('month-present')).toHaveTextContent('17.5 / 20 天'));
    expect(getByTestId('my-month')).toHaveAccessibleName('我的考勤 · 2026年11月');
    expect(getByTestId('month-late')).toHaveTextContent('2 次 · 17 分钟');
    expect(getByTestId('month-early')).toHaveTextContent('1 次 · 5 分钟');
    expect(getByTestId('month-missed')).toHaveTextContent('1 次');
    expect(getByTestId('month-absence')).toHaveTextContent('2 个半天');
    expect(getByTestId('month-cover')).toHaveTextContent('130 分钟');
    expect(urls).toEqual(['/api/halls/t1/attendance/staff/s1?month=2026-11', '/api/halls/t1/leave?from=2026-11-01&to=2026-11-30']);
  });

  it('lists leave by type, away by reason and each day in words', async () => {
    const { getByTestId } = open();
    await waitFor(() => expect(getByTestId('month-leave')).toBeInTheDocument());
    expect(getByTestId('month-leave')).toHaveTextContent('事假 1 天');
    expect(getByTestId('month-leave')).toHaveTextContent('培训 0.5 天');
    expect(getByTestId('month-away')).toHaveTextContent('会议 1 次 · 45 分钟');
    expect(getByTestId('month-away')).toHaveTextContent('就餐 2 次 · 30 分钟');
    expect(getByTestId('day-2026-11-01')).toHaveTextContent('1日 周日休息日');
    expect(getByTestId('day-2026-11-02')).toHaveTextContent('上午 出勤 · 迟到 12 分钟；下午 出勤');
    expect(getByTestId('day-2026-11-03')).toHaveTextContent('下午 旷工（缺卡）');
    expect(getByTestId('day-2026-11-03')).toHaveClass('absent');
    expect(getByTestId('day-2026-11-04')).toHaveTextContent('上午 事假；下午 事假');
  });

  it('lists the staffer’s leave and 补签 requests with their status', async () => {
    const { getByTestId } = open();
    await waitFor(() => expect(getByTestId('month-requests')).toBeInTheDocument());
    const items = within(getByTestId('month-requests')).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/事假\s*11\/4 08:30 – 11\/4 17:30\s*已批准/);
    expect(items[1]).toHaveTextContent(/补签 · 下午签退\s*11\/3 17:40\s*待审批/);
  });

  it('moves a month with the arrow keys and returns to the desk with Esc', async () => {
    const { getByTestId, onclose, view } = open();
    await waitFor(() => expect(getByTestId('month-present')).toBeInTheDocument());
    await fireEvent.keyDown(window, { key: 'ArrowLeft' });
    await waitFor(() => expect(getByTestId('my-month')).toHaveAccessibleName('我的考勤 · 2026年10月'));
    expect(view.month).toBe('2026-10');
    expect(urls.at(-2)).toBe('/api/halls/t1/attendance/staff/s1?month=2026-10');
    expect(urls.at(-1)).toBe('/api/halls/t1/leave?from=2026-10-01&to=2026-10-31');
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('says why when the hub refuses', async () => {
    const view = new MyMonth({ token: 'tok', hallId: 't1', staffId: 'nobody' }, '2026-11');
    const { findByRole } = render(MyMonthView, { view, onclose: () => {} });
    expect(await findByRole('alert')).toHaveTextContent('考勤加载失败：没有这位工作人员');
  });

  it('takes the month from the hub’s clock in the hall’s zone, and steps across a year', () => {
    expect(monthOf(Date.parse('2026-11-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12'); // 00:30 on 1 December in Beijing
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
  });
});
