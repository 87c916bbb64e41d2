/**
 * The ticket's layout as a receiptline document (receipt markdown): the one place to change what
 * a ticket says and how big. Both the ESC/POS bytes and the SVG preview are made from it.
 */
import { wallClockText } from '../server/domain/time.js';
import type { TicketPrint } from './ticket.js';

export interface PaperProfile {
  /** Characters per line in the printer's 12×24 font: 576 dots on 80 mm paper, 384 on 58 mm. */
  cpl: number;
  /** receiptline size marks for the number: `^^^^^` is 4× on 80 mm, `^^^^` 3× on 58 mm. */
  numberSize: string;
  /** QR module size in dots; the tracker URL stays scannable from a phone held at arm's length. */
  qrCell: number;
}

const profiles: Record<TicketPrint['paperWidth'], PaperProfile> = {
  80: { cpl: 48, numberSize: '^^^^^', qrCell: 6 },
  58: { cpl: 32, numberSize: '^^^^', qrCell: 5 },
};

export function paperProfile(width: TicketPrint['paperWidth']): PaperProfile {
  return profiles[width];
}

export function ticketDocument(t: TicketPrint): string {
  const p = paperProfile(t.paperWidth);
  const lines = [
    `^^"${text(t.hallName)}"`,
    '---',
    '',
    ...(t.reprint ? ['^^^`~补打~`'] : []),
    ...(t.priorityLabel ? [`^^^\`~${text(t.priorityLabel)}~\``] : []),
    `${p.numberSize}${text(t.number)}`,
    `^^^${text(t.serviceName)}`,
    '',
    `前面还有~"${Math.max(0, Math.trunc(t.ahead))}"~人等候`,
    '',
    `{code:${propertyValue(t.trackUrl)}; option:qrcode,${p.qrCell},m}`,
    '扫码查看排队进度',
    `取号时间~${wallClockText(t.issuedAt, t.timeZone)}`,
    ...(t.reprint ? [`补打时间~${wallClockText(t.reprint.printedAt, t.timeZone)}`] : []),
    '---',
    ...footerLines(t.footer, p.cpl - FOOTER_MARGIN).map(text),
    '=',
  ];
  return lines.join('\n');
}

/** Columns the footer keeps clear of the paper's edges, both sides together (issue 15: it ran edge to edge). */
const FOOTER_MARGIN = 8;

/**
 * The footer cut into centred lines of at most `columns` printer columns (a CJK character takes
 * two), breaking after a full stop or comma where one falls late enough, else where it must.
 */
export function footerLines(footer: string, columns: number): string[] {
  const width = (c: string) => (/[\u1100-\uffff]/.test(c) ? 2 : 1);
  const chars = Array.from(footer.replace(/\s+/g, ' ').trim());
  const lines: string[] = [];
  let line: string[] = [];
  let used = 0;
  let lastBreak = -1;
  for (const c of chars) {
    if (used + width(c) > columns) {
      const cut = lastBreak >= line.length / 2 ? lastBreak + 1 : line.length;
      lines.push(line.slice(0, cut).join(''));
      line = line.slice(cut);
      used = line.reduce((n, x) => n + width(x), 0);
      lastBreak = -1;
    }
    line.push(c);
    used += width(c);
    if (/[。，；！？,.;!?]/.test(c)) lastBreak = line.length - 1;
  }
  if (line.length) lines.push(line.join(''));
  return lines;
}

/**
 * Hall and service names come from configuration: a `|`, `_` or `^` in them must print as itself,
 * not split a column or switch on underline. Every receiptline special character becomes a
 * `\xNN` escape, which receiptline decodes only after it has parsed the markup.
 */
function text(value: string): string {
  return value
    .replace(/[\x00-\x1f\x7f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\|{}\-=_"`^~]/g, hexEscape);
}

/** A property value (the QR data) has its own specials: `;` ends it, braces and `|` end the line. */
function propertyValue(value: string): string {
  return value.trim().replace(/[\\|{};\x00-\x1f\x7f]/g, hexEscape);
}

function hexEscape(c: string): string {
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}
