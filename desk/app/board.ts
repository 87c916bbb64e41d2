/**
 * What the live view shows, worked out from the desk's state: the rows of the queue table and the
 * window board, and the counts of what needs attention. Presentation only — each judgement is a
 * domain rule (server/domain/waitTarget.ts for the wait, the service's standard minutes for
 * handling), called here.
 */
import type { DeskToday, HallInfo, HallSnapshot, KioskPrinterView, RosterRow, WindowView } from '../../server/protocol.js';
import { longestWaitMinutes, standing } from '../../server/domain/waitTarget.js';

export type Tone = 'ok' | 'near' | 'over';

export interface QueueRow {
  serviceId: string;
  name: string;
  waiting: number;
  longestMinutes: number;
  tone: Tone;
  /** The day's waiting counts, one point per trend step. */
  trend: number[];
}

export interface WindowRow {
  id: string;
  number: number;
  name: string;
  state: WindowView['state'];
  staffName?: string;
  post?: 'A' | 'B';
  covering: boolean;
  ticketNumber?: string;
  /** Handling since (started) or called since, epoch ms. */
  startedAt?: number;
  calledAt?: number;
  standardMinutes?: number;
  handlingTone: Tone;
  pauseReason?: string;
  pausedSince?: number;
  tone: Tone;
}

export function queueRows(info: HallInfo, hall: HallSnapshot, today: DeskToday, now: number): QueueRow[] {
  return info.services.map((s) => {
    const mine = hall.waiting.filter((t) => t.serviceId === s.id);
    const longest = longestWaitMinutes(mine.map((t) => t.queuedAt), now);
    return {
      serviceId: s.id, name: s.name,
      waiting: hall.queues.find((q) => q.serviceId === s.id)?.waiting ?? mine.length,
      longestMinutes: longest,
      tone: mine.length ? standing(longest, info.waitTargetMinutes) : 'ok',
      trend: (today.trend[s.id] ?? []).map(([, n]) => n),
    };
  }).sort((a, b) => rank(b.tone) - rank(a.tone) || b.waiting - a.waiting);
}

const rank = (t: Tone) => (t === 'over' ? 2 : t === 'near' ? 1 : 0);

export function windowRows(info: HallInfo, hall: HallSnapshot, today: DeskToday, now: number): WindowRow[] {
  const names = new Map(info.staff.map((s) => [s.id, s.name]));
  const standard = new Map(info.services.map((s) => [s.id, s.standardMinutes]));
  return info.windows.map((wi) => {
    const w = hall.windows.find((x) => x.id === wi.id) ?? ({ id: wi.id, number: wi.number, state: 'closed', covering: false } as WindowView);
    const at = today.atWindow[wi.id];
    const actor = w.onDuty ?? w.postA ?? w.postB;
    const post = actor ? (actor === w.postA ? 'A' : 'B') : undefined;
    const std = at ? standard.get(at.serviceId) : undefined;
    const handlingMin = at?.startedAt !== undefined ? (now - at.startedAt) / 60_000 : 0;
    const handlingTone: Tone = at?.startedAt !== undefined && std !== undefined ? standing(handlingMin, std) : 'ok';
    const away = w.awayA && w.postA ? today.away[w.postA] : w.awayB && w.postB ? today.away[w.postB] : undefined;
    const paused = w.state === 'paused';
    return {
      id: wi.id, number: wi.number, name: wi.name, state: w.state,
      ...(actor ? { staffName: names.get(actor) ?? actor } : {}), ...(post ? { post } : {}),
      covering: w.covering,
      ...(w.ticketNumber ? { ticketNumber: w.ticketNumber } : {}),
      ...(at?.startedAt !== undefined ? { startedAt: at.startedAt } : {}), ...(at && at.startedAt === undefined ? { calledAt: at.calledAt } : {}),
      ...(std !== undefined ? { standardMinutes: std } : {}),
      handlingTone,
      ...(w.pauseReason ? { pauseReason: w.pauseReason } : {}), ...(paused && away ? { pausedSince: away.since } : {}),
      tone: handlingTone === 'over' || paused ? 'over' : w.state === 'closed' || handlingTone === 'near' ? 'near' : 'ok',
    };
  });
}

export interface Attention {
  alerts: number;
  overTarget: number;
  paused: number;
  closed: number;
  absent: number;
  printers: number;
}

export function attention(queues: QueueRow[], windows: WindowRow[], today: DeskToday, roster: RosterRow[], printers: KioskPrinterView[]): Attention {
  return {
    alerts: today.alerts.filter((a) => a.resolvedAt === undefined && !a.ack).length,
    overTarget: queues.filter((q) => q.tone === 'over').length,
    paused: windows.filter((w) => w.state === 'paused').length,
    closed: windows.filter((w) => w.state === 'closed').length,
    absent: roster.filter((r) => r.status === 'absent').length,
    printers: printers.filter((p) => p.state !== 'ready' && p.state !== 'none' && p.state !== 'unknown').length,
  };
}

/** mm:ss under an hour, h:mm:ss above. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/** HH:MM in the hall's zone. */
export function clockTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/** What the live board needs of the feed, as the 今日 view and the wall both read it. */
export interface BoardSource {
  info: HallInfo | null;
  hall: HallSnapshot | null;
  today: DeskToday | null;
  roster: RosterRow[];
  printers: KioskPrinterView[];
  now: number;
}

/** The board the 今日 view and the wall draw, or null until the feed has its first snapshot. */
export function deskBoard(feed: BoardSource) {
  const { info, hall, today } = feed;
  if (!info || !hall || !today) return null;
  const queues = queueRows(info, hall, today, feed.now);
  const windows = windowRows(info, hall, today, feed.now);
  // The fold mutates its alerts in place: fresh copies, so the feed sees an acknowledgement or a resolution.
  const alerts = today.alerts.map((a) => ({ ...a }));
  return { info, today, alerts, queues, windows, attention: attention(queues, windows, today, feed.roster, feed.printers) };
}
