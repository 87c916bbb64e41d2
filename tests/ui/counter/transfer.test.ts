/**
 * Transfer (T) is a choice and then a confirmation: nothing is sent until Enter confirms, Esc goes
 * back; every window and service of a 13-window hall has a key, and the legend names those keys.
 * The desk runs in jsdom against a scripted fetch; tests/e2e/counter.test.ts drives the real hub.
 */
import { fireEvent, render } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Desk from '../../../counter/terminal/Desk.svelte';
import { Terminal } from '../../../counter/terminal/terminal.svelte.js';
import type { HallInfo } from '../../../counter/lib/hall.js';
import type { WindowView } from '../../../server/protocol.js';

const names = ['社保医保卫健', '社保医保卫健', '国土城建交通', '民政残联退役', '农林司法文体旅', '不动产登记', '不动产登记', '商事登记', '税务', '税务', '公积金', '出件', '咨询导办'];
const services = ['社保', '医保', '国土', '民政', '农林', '不动产', '商事', '税务', '公积金'];
const hall: HallInfo = {
  id: 't1',
  name: '测试中心',
  level: 'county',
  parent: null,
  timeZone: 'Asia/Shanghai',
  notice: '',
  voiceTemplate: '请{number}号到{window}号窗口办理',
  voice: { muted: false, volume: 1, repeat: 2, gapMs: 800, baseUrl: '/voice/zh-CN/' },
  waitTargetMinutes: 20,
  classOrder: ['priority', 'appointment', 'normal'],
  ageingMinutes: 30,
  services: services.map((name, i) => ({ id: `s${i + 1}`, name, prefix: String.fromCharCode(65 + i), standardMinutes: 10 })),
  windows: names.map((name, i) => ({ id: `t1-${i + 1}`, number: i + 1, name, kind: 'comprehensive', services: ['s1'], tiers: [['s1']] })),
  staff: [{ id: 's1', name: '张敏', posts: [{ window: 1, post: 'A' }] }],
};
const called: WindowView = { id: 't1-1', number: 1, state: 'called', postA: 's1', onDuty: 's1', covering: false, ticketId: 't1-20261123-A010', ticketNumber: 'A010' };
const transferred: WindowView = { ...called, state: 'idle', ticketId: undefined, ticketNumber: undefined };
const ticket = { id: 't1-20261123-A010', number: 'A010', serviceId: 's1', priority: 'normal', status: 'waiting', issuedAt: 1, recalls: 0, noShows: 0, transfers: 1, transferTo: 't1-4' };

let sent: { action: string; body: Record<string, unknown> }[];
let term: Terminal;

beforeEach(() => {
  sent = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const action = url.split('/').pop()!;
    const { requestId: _, ...body } = JSON.parse(String(init.body)) as Record<string, unknown>;
    sent.push({ action, body });
    term.live = { ...term.live!, lastEventId: 12, windows: [transferred] };
    return Response.json({ ticket, window: transferred });
  });
  term = new Terminal(window.sessionStorage);
  term.session = { token: 'tok', staff: { id: 's1', name: '张敏', role: 'staff', hallId: 't1' } };
  term.hall = hall;
  term.live = { hallId: 't1', lastEventId: 11, date: '20261123', windows: [called], queues: [], recentCalls: [], waiting: [] };
});
afterEach(() => vi.unstubAllGlobals());

const key = (k: string) => fireEvent.keyDown(window, { key: k });

describe('transfer at the counter', () => {
  it('lists the other 12 windows and 9 services, each with a key the legend names', async () => {
    const view = render(Desk, { term });
    await key('t');
    const picker = view.getByTestId('picker');
    const keys = [...picker.querySelectorAll('button kbd')].map((k) => k.textContent);
    expect(keys).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'A', 'B', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L']);
    expect(view.getByTestId('transfer-t1-13')).toHaveTextContent('B 13号窗口 · 咨询导办');
    expect(view.getByTestId('transfer-s9')).toHaveTextContent('L 公积金');
    expect(view.getByTestId('picker-hint')).toHaveTextContent('按 1–9、0、A、B、D–L 选择，方向键移动，Esc 关闭');
    expect(view.queryByText('1–5')).toBeNull();
  });

  it('sends nothing on the choice; Esc on the question goes back to the list, still nothing sent', async () => {
    const view = render(Desk, { term });
    await key('t');
    await key('3'); // the third other window: 4号窗口
    expect(view.getByTestId('transfer-confirm-text')).toHaveTextContent('将 A010 转至 4号窗口 / 民政残联退役？');
    expect(view.queryByTestId('picker')).toBeNull();
    await key('Escape');
    expect(view.queryByTestId('transfer-confirm')).toBeNull();
    expect(view.getByTestId('picker')).toBeInTheDocument();
    await key('Escape');
    expect(view.queryByTestId('picker')).toBeNull();
    expect(sent).toEqual([]);
  });

  it('transfers on Enter and says where the ticket went', async () => {
    const view = render(Desk, { term });
    await key('t');
    await key('L'); // 公积金, a service
    expect(view.getByTestId('transfer-confirm-text')).toHaveTextContent('将 A010 转至 公积金业务？');
    await key('Escape');
    await key('3');
    await key('Enter');
    await vi.waitFor(() => expect(view.getByTestId('message')).toHaveTextContent('A010 已转至 4号窗口 / 民政残联退役'));
    expect(sent).toEqual([{ action: 'transfer', body: { toWindowId: 't1-4' } }]);
    expect(view.queryByTestId('transfer-confirm')).toBeNull();
  });

  it('ignores a held Enter (key repeat) on the question', async () => {
    const view = render(Desk, { term });
    await key('t');
    await key('3');
    await fireEvent.keyDown(window, { key: 'Enter', repeat: true });
    expect(view.getByTestId('transfer-confirm')).toBeInTheDocument();
    expect(sent).toEqual([]);
  });
});
