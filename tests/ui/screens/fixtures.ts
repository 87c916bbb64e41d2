/**
 * The test hall (tests/helpers/hall.ts) as a screen sees it, and a busy morning's snapshot: the
 * whole hall (a counter's), the hall screen's board and a window screen's window, each written
 * out as the hub sends it (server/views.ts).
 */
import type { BoardCall, BoardSnapshot, BoardWindow, HallSnapshot, TicketView, WindowSnapshot, WindowView } from '../../../server/protocol.js';
import type { HallInfo } from '../../../display/lib/screens/hallInfo.js';

/** Monday 2026-11-23, 09:05 in Shanghai. */
export const NOW = Date.parse('2026-11-23T09:05:00+08:00');

export const hall: HallInfo = {
  id: 't1',
  name: '测试县政务服务中心',
  level: 'county',
  parent: null,
  timeZone: 'Asia/Shanghai',
  notice: '请取号后留意叫号，过号请到咨询导办台重新排队。',
  voiceTemplate: '请{number}号到{window}号窗口办理',
  voice: { muted: false, volume: 1, repeat: 2, gapMs: 800, baseUrl: '/voice/zh-CN/' },
  waitTargetMinutes: 20,
  classOrder: ['priority', 'appointment', 'normal'],
  ageingMinutes: 30,
  services: [
    { id: 'social', name: '社保医保卫健', prefix: 'A', standardMinutes: 10 },
    { id: 'land', name: '国土城建交通', prefix: 'B', standardMinutes: 15 },
    { id: 'agri', name: '农林司法文体旅', prefix: 'D', standardMinutes: 10 },
  ],
  windows: [
    { id: 't1-1', number: 1, name: '综合受理一', kind: 'comprehensive', services: ['social', 'land'], tiers: [['social'], ['land']] },
    { id: 't1-2', number: 2, name: '综合受理二', kind: 'comprehensive', services: ['land', 'social'], tiers: [['land'], ['social']] },
    { id: 't1-3', number: 3, name: '农林司法文体旅', kind: 'dedicated', services: ['agri'], tiers: [['agri']] },
    { id: 't1-4', number: 4, name: '税务', kind: 'dedicated', services: ['tax'], tiers: [['tax']] },
  ],
  staff: [
    { id: 's1', name: '张伟', photo: '/photos/s1.jpg', posts: [{ window: 1, post: 'A' }] },
    { id: 's2', name: '李娜', posts: [{ window: 2, post: 'A' }] },
    { id: 's3', name: '欧阳娜娜', posts: [{ window: 3, post: 'A' }] },
    { id: 's4', name: '刘洋', posts: [{ window: 4, post: 'A' }] },
  ],
};

export function ticket(number: string, windowNumber: number, status: TicketView['status'] = 'called', minutesAgo = 1): TicketView {
  return {
    id: `t1-20261123-${number}`,
    number,
    serviceId: number.startsWith('A') ? 'social' : number.startsWith('B') ? 'land' : 'agri',
    priority: 'normal',
    status,
    issuedAt: NOW - 30 * 60_000,
    windowId: `t1-${windowNumber}`,
    windowNumber,
    calledAt: NOW - minutesAgo * 60_000,
    recalls: 0,
    noShows: 0,
    transfers: 0,
  };
}

export function window(number: number, fields: Partial<WindowView> = {}): WindowView {
  return { id: `t1-${number}`, number, state: 'idle', covering: false, ...fields };
}

export function snapshot(fields: Partial<HallSnapshot> = {}): HallSnapshot {
  return {
    hallId: 't1',
    lastEventId: 42,
    date: '2026-11-23',
    windows: [
      window(2, { state: 'serving', ticketId: 't1-20261123-B002', ticketNumber: 'B002', postA: 's2', onDuty: 's2' }),
      window(1, { state: 'called', ticketId: 't1-20261123-A003', ticketNumber: 'A003', postA: 's1', onDuty: 's1' }),
      window(3, { state: 'paused', postA: 's3', awayA: 'meeting', pauseReason: 'meeting' }),
      window(4, { state: 'closed' }),
    ],
    queues: [
      { serviceId: 'social', waiting: 7 },
      { serviceId: 'land', waiting: 3 },
      { serviceId: 'agri', waiting: 0 },
    ],
    recentCalls: [ticket('A003', 1), ticket('B002', 2, 'serving', 3), ticket('A002', 1, 'done', 9), ticket('D001', 3, 'done', 20)],
    waiting: [],
    ...fields,
  };
}

/** A window as the hall screen receives it. */
export function boardWindow(number: number, state: BoardWindow['state'] = 'idle', ticketNumber?: string): BoardWindow {
  return { id: `t1-${number}`, number, state, ...(ticketNumber ? { ticketNumber } : {}) };
}

/** A call as the hall screen receives it. */
export function call(number: string, windowNumber: number): BoardCall {
  return { id: `t1-20261123-${number}`, number, windowId: `t1-${windowNumber}`, windowNumber };
}

/** The same busy morning as the hall screen receives it: windows, counts, calls; no waiting tickets, no staff. */
export function boardSnapshot(fields: Partial<BoardSnapshot> = {}): BoardSnapshot {
  return {
    view: 'board',
    hallId: 't1',
    lastEventId: 42,
    date: '2026-11-23',
    windows: [boardWindow(2, 'serving', 'B002'), boardWindow(1, 'called', 'A003'), boardWindow(3, 'paused'), boardWindow(4, 'closed')],
    queues: [
      { serviceId: 'social', waiting: 7 },
      { serviceId: 'land', waiting: 3 },
      { serviceId: 'agri', waiting: 0 },
    ],
    recentCalls: [call('A003', 1), call('B002', 2), call('A002', 1), call('D001', 3)],
    ...fields,
  };
}

/** One window as its window screen (and pad) receives it. */
export function windowSnapshot(w: WindowView | undefined, windowId = w?.id ?? 't1-1'): WindowSnapshot {
  return { view: 'window', hallId: 't1', lastEventId: 42, date: '2026-11-23', windowId, ...(w ? { window: w } : {}) };
}
