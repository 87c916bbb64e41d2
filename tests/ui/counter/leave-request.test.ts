/**
 * 请假 and 补签 from 我的考勤: the form sends the body the hub takes
 * (server/http/routes/attendance.ts), says the hub's refusal in Chinese, closes with Esc, drops
 * keys pressed while a request is in flight; the request list offers 撤销 and 销假 where the hub
 * allows them, after a question.
 */
import { fireEvent, render, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import MyMonthView from '../../../counter/terminal/MyMonth.svelte';
import { leaveBody, problemOf, type LeaveDraft } from '../../../counter/terminal/leaveRequest.svelte.js';
import { MyMonth, mayCancel, mayReturn } from '../../../counter/terminal/myMonth.svelte.js';
import type { LeaveRecord } from '../../../server/domain/attendance/leave.js';

const at = (iso: string) => Date.parse(`${iso}+08:00`);
const now = at('2026-11-09T10:00:00');
const month = { from: '2026-11-01', to: '2026-11-30', unknownYears: [], staffId: 's1', totals: null, days: [] };
const leave = (id: string, over: Partial<LeaveRecord>): LeaveRecord => ({
  id, hallId: 't1', staffId: 's1', kind: 'leave', leaveType: 'personal', startAt: at('2026-11-20T08:30:00'), endAt: at('2026-11-20T12:00:00'),
  reason: '家事', status: 'pending', level: 'window_head', requestedBy: 's1', createdAt: 0, ...over,
});

let posts: { url: string; body: unknown }[];
let answer: () => Response | Promise<Response>;
let items: LeaveRecord[];
beforeEach(() => {
  posts = [];
  items = [];
  answer = () => Response.json({ request: leave('new', {}) }, { status: 201 });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (init.method === 'POST') {
      posts.push({ url, body: JSON.parse(String(init.body)) });
      return answer();
    }
    if (url.includes('/attendance/staff/s1')) return Response.json(month);
    return Response.json({ items });
  });
});
afterEach(() => vi.unstubAllGlobals());

const open = async () => {
  const view = new MyMonth({ token: 'tok', hallId: 't1', staffId: 's1' }, '2026-11');
  const onclose = vi.fn();
  const r = render(MyMonthView, { view, timeZone: 'Asia/Shanghai', now, onclose });
  await waitFor(() => expect(view.record).not.toBeNull());
  return { view, onclose, ...r };
};

describe('请假 from the counter', () => {
  it('sends a morning’s 事假 with its reason, then shows it pending in the month', async () => {
    const { getByTestId, queryByTestId, findByTestId } = await open();
    await fireEvent.keyDown(window, { key: 'l' });
    const form = await findByTestId('leave-form');
    expect(form).toHaveAccessibleName('请假申请');
    expect(getByTestId('leave-type-personal')).toBeChecked();
    expect(getByTestId('leave-mode-half')).toBeChecked();
    expect(getByTestId('leave-date')).toHaveValue('2026-11-09');
    await fireEvent.input(getByTestId('leave-date'), { target: { value: '2026-11-20' } });
    await fireEvent.input(getByTestId('leave-reason'), { target: { value: ' 孩子家长会 ' } });
    items = [leave('new', { reason: '孩子家长会' })];
    await fireEvent.keyDown(getByTestId('leave-reason'), { key: 'Enter' });
    await waitFor(() => expect(queryByTestId('leave-form')).toBeNull());
    expect(posts).toEqual([{ url: '/api/halls/t1/leave', body: { type: 'personal', days: { from: '2026-11-20', to: '2026-11-20', fromHalf: 'am', toHalf: 'am' }, reason: '孩子家长会' } }]);
    expect(getByTestId('leave-outcome')).toHaveTextContent('申请已提交，等待审批');
    await waitFor(() => expect(getByTestId('request-new')).toHaveTextContent(/事假\s*11\/20 08:30 – 11\/20 12:00\s*待审批\s*撤销/));
  });

  it('sends whole days from an afternoon, and hours of one date, as the API takes them', () => {
    const d: LeaveDraft = { type: 'sick', mode: 'days', from: '2026-11-20', to: '2026-11-23', fromHalf: 'pm', toHalf: 'pm', half: 'am', date: '', start: '', end: '', reason: '发烧' };
    expect(leaveBody(d)).toEqual({ type: 'sick', days: { from: '2026-11-20', to: '2026-11-23', fromHalf: 'pm' }, reason: '发烧' });
    expect(leaveBody({ ...d, mode: 'hours', date: '2026-11-20', start: '14:00', end: '16:30' })).toEqual({ type: 'sick', hours: { date: '2026-11-20', from: '14:00', to: '16:30' }, reason: '发烧' });
    expect(problemOf('leave', { ...d, to: '2026-11-19' })).toBe('order');
    expect(problemOf('leave', { ...d, mode: 'hours', date: '2026-11-20', start: '16:00', end: '15:00' })).toBe('order');
    expect(problemOf('leave', { ...d, reason: '  ' })).toBe('reason');
  });

  it('sends a 补签 of the afternoon sign-in with its time', async () => {
    const { getByTestId, findByTestId } = await open();
    await fireEvent.click(getByTestId('my-month-correction'));
    expect(await findByTestId('leave-form')).toHaveAccessibleName('补签申请');
    await fireEvent.input(getByTestId('correction-date'), { target: { value: '2026-11-06' } });
    await fireEvent.click(getByTestId('correction-punch-pm_in'));
    await fireEvent.input(getByTestId('correction-time'), { target: { value: '13:30' } });
    await fireEvent.input(getByTestId('leave-reason'), { target: { value: '忘记签到' } });
    await fireEvent.click(getByTestId('leave-submit'));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({ url: '/api/halls/t1/corrections', body: { date: '2026-11-06', punch: 'pm_in', time: '13:30', reason: '忘记签到' } });
  });

  it('says the hub’s refusal in Chinese and keeps the form and what was typed', async () => {
    answer = () => Response.json({ error: 'overlaps', message: 'another pending or approved leave of this person overlaps it' }, { status: 409 });
    const { getByTestId, findByRole } = await open();
    await fireEvent.keyDown(window, { key: 'L' });
    await fireEvent.input(getByTestId('leave-reason'), { target: { value: '家事' } });
    await fireEvent.click(getByTestId('leave-submit'));
    expect(await findByRole('alert')).toHaveTextContent('未能提交：与您已提交或已批准的请假时间重叠');
    expect(getByTestId('leave-reason')).toHaveValue('家事');
  });

  it('asks for a reason before sending anything', async () => {
    const { getByTestId, findByRole } = await open();
    await fireEvent.keyDown(window, { key: 'l' });
    await fireEvent.click(getByTestId('leave-submit'));
    expect(await findByRole('alert')).toHaveTextContent('请填写事由');
    expect(posts).toEqual([]);
  });

  it('closes with Esc back to the month, which Esc then closes', async () => {
    const { getByTestId, queryByTestId, findByTestId, onclose } = await open();
    await fireEvent.keyDown(window, { key: 'l' });
    await findByTestId('leave-form');
    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(queryByTestId('leave-form')).toBeNull());
    expect(onclose).not.toHaveBeenCalled();
    expect(getByTestId('my-month')).toBeInTheDocument();
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledOnce();
    expect(posts).toEqual([]);
  });

  it('drops Enter and Esc pressed while the request is in flight', async () => {
    let release!: () => void;
    answer = () => new Promise((r) => (release = () => r(Response.json({ request: leave('new', {}) }, { status: 201 }))));
    const { getByTestId, queryByTestId, findByTestId } = await open();
    await fireEvent.keyDown(window, { key: 'l' });
    await fireEvent.input(getByTestId('leave-reason'), { target: { value: '家事' } });
    await fireEvent.keyDown(getByTestId('leave-reason'), { key: 'Enter' });
    await waitFor(() => expect(getByTestId('leave-form')).toHaveAttribute('aria-busy', 'true'));
    await fireEvent.keyDown(getByTestId('leave-reason'), { key: 'Enter' });
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(await findByTestId('leave-form')).toBeInTheDocument();
    release();
    await waitFor(() => expect(queryByTestId('leave-form')).toBeNull());
    expect(posts).toHaveLength(1);
  });
});

describe('撤销 and 销假 from the counter', () => {
  it('offers 撤销 for pending and not-yet-begun leave, 销假 for leave under way, nothing after', () => {
    expect(mayCancel(leave('a', {}), now)).toBe(true);
    expect(mayCancel(leave('b', { status: 'approved' }), now)).toBe(true);
    const underWay = leave('c', { status: 'approved', startAt: at('2026-11-09T08:30:00'), endAt: at('2026-11-09T17:30:00') });
    expect(mayCancel(underWay, now)).toBe(false);
    expect(mayReturn(underWay, now)).toBe(true);
    expect(mayReturn({ ...underWay, returnedAt: now - 1 }, now)).toBe(false);
    expect(mayReturn({ ...underWay, endAt: now }, now)).toBe(false);
    expect(mayCancel(leave('d', { status: 'refused' }), now)).toBe(false);
  });

  it('asks, then withdraws a pending request with Enter', async () => {
    items = [leave('p1', {})];
    const { getByTestId, findByTestId } = await open();
    await fireEvent.click(await findByTestId('cancel-p1'));
    expect(getByTestId('leave-confirm-text')).toHaveTextContent('撤销 事假（11/20 08:30 – 11/20 12:00）？');
    items = [leave('p1', { status: 'cancelled' })];
    answer = () => Response.json({ request: items[0] });
    await fireEvent.keyDown(window, { key: 'Enter' });
    await waitFor(() => expect(getByTestId('leave-outcome')).toHaveTextContent('申请已撤销'));
    expect(posts).toEqual([{ url: '/api/halls/t1/leave/p1/cancel', body: {} }]);
    await waitFor(() => expect(getByTestId('request-p1')).toHaveTextContent('已撤销'));
  });

  it('says why the hub refused a 销假', async () => {
    items = [leave('a1', { status: 'approved', startAt: at('2026-11-09T08:30:00'), endAt: at('2026-11-09T17:30:00') })];
    answer = () => Response.json({ error: 'already_over', message: '' }, { status: 409 });
    const { getByTestId, findByTestId } = await open();
    await fireEvent.click(await findByTestId('return-a1'));
    await fireEvent.click(getByTestId('leave-confirm-yes'));
    await waitFor(() => expect(getByTestId('leave-outcome')).toHaveTextContent('未能完成：请假已经结束，无需销假'));
    expect(posts).toEqual([{ url: '/api/halls/t1/leave/a1/return', body: {} }]);
  });
});
