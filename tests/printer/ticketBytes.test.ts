import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ticketEscPos, ticketSvg, type TicketPrint } from '../../printer/ticket.js';
import { columns, printedLines, readEscPos, type EscPosEvent } from './escposReader.js';

const sample = (paperWidth: 58 | 80, extra: Partial<TicketPrint> = {}): TicketPrint => ({
  hallName: '兰考县政务服务中心',
  number: 'A012',
  serviceName: '社保医保卫健',
  ahead: 5,
  // 01:15 UTC is 09:15 in Lankao.
  issuedAt: Date.UTC(2025, 2, 4, 1, 15, 30),
  timeZone: 'Asia/Shanghai',
  trackUrl: 'https://yc.example.cn/t/lk-20250304-A012?k=8f3a',
  footer: '请留意叫号与屏幕提示，过号请到咨询台重新排队。本票当日有效。',
  paperWidth,
  ...extra,
});

const textOf = (events: EscPosEvent[]) => printedLines(events).map((l) => l.text);

describe.each([80, 58] as const)('the %i mm ticket', (paperWidth) => {
  const ticket = sample(paperWidth);
  const bytes = ticketEscPos(ticket);
  const events = readEscPos(bytes);
  const lines = printedLines(events);
  const texts = textOf(events);

  it('prints the hall, the service, the queue ahead and the hall-local time as GB18030 Chinese', () => {
    expect(texts[0]).toBe('兰考县政务服务中心');
    expect(texts).toContain('社保医保卫健');
    expect(texts).toContain('前面还有 5 人等候');
    expect(texts).toContain('扫码查看排队进度');
    expect(texts).toContain('取号时间 2025-03-04 09:15');
  });

  it('prints the whole footer, wrapped to the paper', () => {
    const afterLastRule = texts.slice(texts.lastIndexOf('-'.repeat(paperWidth === 80 ? 48 : 32)) + 1);
    expect(afterLastRule.join('')).toBe(ticket.footer);
  });

  it('keeps the footer clear of both paper edges: 8 columns less than the paper, cut after punctuation', () => {
    const afterLastRule = texts.slice(texts.lastIndexOf('-'.repeat(paperWidth === 80 ? 48 : 32)) + 1);
    // 80 mm: 40 columns = 20 Chinese characters a line; the comma is the 11th, at half the line or
    // later, so the line breaks after it; the 19 left fit one line. 58 mm: 24 columns = 12.
    expect(afterLastRule).toEqual(
      paperWidth === 80
        ? ['请留意叫号与屏幕提示，', '过号请到咨询台重新排队。本票当日有效。']
        : ['请留意叫号与屏幕提示，', '过号请到咨询台重新排队。', '本票当日有效。'],
    );
  });

  it('enters Chinese mode (FS &) before any Chinese text and leaves it (FS .) before the cut', () => {
    const runs = events.filter((e) => e.kind === 'text');
    const chineseRuns = runs.filter((r) => /[^\x00-\x7f]/.test(r.text));
    expect(chineseRuns.length).toBeGreaterThan(5);
    for (const run of chineseRuns) expect(run.chinese, run.text).toBe(true);
    // And in the raw bytes: the hall name's GB18030 code comes right after FS &.
    const hallName = iconv.encode(ticket.hallName, 'gb18030');
    const at = bytes.indexOf(hallName);
    expect(at).toBeGreaterThan(2);
    expect([...bytes.subarray(at - 2, at)]).toEqual([0x1c, 0x26]);
    const lastMode = events.filter((e) => e.kind === 'chinese').at(-1);
    expect(lastMode).toEqual({ kind: 'chinese', on: false });
  });

  it('prints the number at double size or larger, set by GS ! just before it', () => {
    const at = events.findIndex((e) => e.kind === 'text' && e.text === 'A012');
    expect(at).toBeGreaterThan(-1);
    const sizeBefore = events.slice(0, at).filter((e) => e.kind === 'size').at(-1);
    expect(sizeBefore?.kind).toBe('size');
    if (sizeBefore?.kind !== 'size') return;
    expect(sizeBefore.width).toBeGreaterThanOrEqual(2);
    expect(sizeBefore.height).toBeGreaterThanOrEqual(2);
  });

  it('prints the tracker URL as a native model 2 QR code (GS ( k)', () => {
    const qrs = events.filter((e) => e.kind === 'qr');
    expect(qrs).toEqual([{ kind: 'qr', model: 50, moduleSize: expect.any(Number), data: ticket.trackUrl }]);
  });

  it('ends with the cut (GS V)', () => {
    expect(events.at(-1)).toEqual({ kind: 'cut', mode: 66 });
    expect([...bytes.subarray(-4)]).toEqual([0x1d, 0x56, 0x42, 0x00]);
  });

  it('keeps every line within the paper width', () => {
    const cpl = paperWidth === 80 ? 48 : 32;
    for (const line of lines) expect(line.runs.reduce((n, r) => n + columns(r), 0), line.text).toBeLessThanOrEqual(cpl);
  });
});

describe('ticket content', () => {
  it('shows the time on the hall clock, whatever zone the server runs in', () => {
    const utcMorning = Date.UTC(2025, 2, 4, 23, 5);
    expect(textOf(readEscPos(ticketEscPos(sample(80, { issuedAt: utcMorning }))))).toContain('取号时间 2025-03-05 07:05');
    expect(textOf(readEscPos(ticketEscPos(sample(80, { issuedAt: utcMorning, timeZone: 'UTC' }))))).toContain('取号时间 2025-03-04 23:05');
  });

  it('shows a priority label inverted above the number', () => {
    const events = readEscPos(ticketEscPos(sample(58, { priorityLabel: '绿色通道' })));
    const label = events.find((e) => e.kind === 'text' && e.text.includes('绿色通道'));
    expect(label).toMatchObject({ inverted: true, chinese: true });
    const texts = textOf(events);
    expect(texts.indexOf('绿色通道')).toBeLessThan(texts.indexOf('A012'));
  });

  it('prints markup characters in names as themselves', () => {
    const events = readEscPos(ticketEscPos(sample(80, { hallName: '东坝|社区_服务^站 {一}', serviceName: '---' })));
    const texts = textOf(events);
    expect(texts[0]).toBe('东坝|社区_服务^站 {一}');
    expect(texts).toContain('---');
  });

  it('draws the same layout as SVG for previews', () => {
    const svg = ticketSvg(sample(80, { priorityLabel: '绿色通道' }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="576px"');
    const text = svg.replace(/<[^>]+>/g, '').replace(/&#xa0;/g, ' ');
    for (const expected of ['兰考县政务服务中心', '绿色通道', 'A012', '社保医保卫健', '前面还有 5 人等候', '取号时间 2025-03-04 09:15']) {
      expect(text).toContain(expected);
    }
    expect(ticketSvg(sample(58))).toContain('width="384px"');
  });
});
