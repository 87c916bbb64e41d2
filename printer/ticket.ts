/**
 * The kiosk ticket (号票), as printer bytes and as a picture of the same layout. Pure: no I/O.
 *
 * The layout is written once, as a receiptline document (`ticketLayout.ts`); receiptline turns it
 * into ESC/POS for the printer and into SVG for previews, so what a manager sees on screen is what
 * the kiosk prints. What receiptline lacks for Chinese thermal printers is in `escposCommands.ts`.
 */
import { transform } from 'receiptline';
import { chineseEscPos } from './escposCommands.js';
import { paperProfile, ticketDocument } from './ticketLayout.js';

export interface TicketPrint {
  hallName: string;
  /** The ticket number as called, e.g. `A012`. */
  number: string;
  serviceName: string;
  /** Tickets waiting before this one when it was issued. */
  ahead: number;
  /** Epoch milliseconds. */
  issuedAt: number;
  /** IANA zone of the hall, e.g. `Asia/Shanghai`: the ticket shows the hall's clock, not the server's. */
  timeZone: string;
  /** The phone tracker page for this ticket; printed as a QR code. */
  trackUrl: string;
  footer: string;
  /** Shown inverted above the number, e.g. 绿色通道. */
  priorityLabel?: string;
  paperWidth: 58 | 80;
  /**
   * Printed late or a second time (server/domain/ticketPrinting.ts): marked 补打 with the time of
   * printing; `ahead` is then the position at printing.
   */
  reprint?: { printedAt: number };
}

/** ESC/POS bytes: GB18030 text in the printer's Chinese mode, a native QR code, then a cut. */
export function ticketEscPos(t: TicketPrint): Buffer {
  const commands = transform(ticketDocument(t), {
    cpl: paperProfile(t.paperWidth).cpl,
    encoding: 'gb18030',
    spacing: true,
    command: chineseEscPos,
  });
  // receiptline builds the stream as a string of byte values 0–255.
  return Buffer.from(commands, 'latin1');
}

/** SVG preview of the same layout, one unit per printer dot (203 dpi). */
export function ticketSvg(t: TicketPrint): string {
  return transform(ticketDocument(t), {
    cpl: paperProfile(t.paperWidth).cpl,
    encoding: 'gb18030',
    spacing: true,
    command: 'svg',
  });
}
