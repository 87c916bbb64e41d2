/**
 * ESC/POS real-time status (DLE EOT n, bytes `10 04 n`), parsed. Pure.
 *
 * Bit meanings are those of the ESC/POS command reference, shared by Epson TM, Citizen CT,
 * Bixolon SRP and the Chinese ESC/POS printers:
 *
 *   n=1 printer        bit 3 offline; bit 5 waiting for online recovery; bit 6 feed button pressed
 *   n=2 offline cause  bit 2 cover open; bit 3 feeding by button; bit 5 stopped at paper end;
 *                      bit 6 an error occurred
 *   n=3 error cause    bit 2 mechanical error; bit 3 autocutter error; bit 5 unrecoverable error;
 *                      bit 6 auto-recoverable error (head too hot, cover opened while printing)
 *   n=4 paper sensors  bits 2–3 roll near its end; bits 5–6 roll out of paper
 *
 * Every reply has bit 1 and bit 4 set and bits 0 and 7 clear; a byte without that frame is not a
 * status reply (a stray byte from an earlier job, a printer that speaks something else).
 */
export interface PrinterStatus {
  online: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  /** The roll will run out soon: a chance to change it before a citizen gets no ticket. */
  paperNearEnd?: boolean;
  error?: string;
}

/** The reply bytes to DLE EOT 1, 2, 3 and 4, in that order. */
export interface RealtimeStatusBytes {
  printer: number;
  offlineCause: number;
  errorCause: number;
  paper: number;
}

export const DLE_EOT = { printer: 1, offlineCause: 2, errorCause: 3, paper: 4 } as const;

export function dleEot(n: (typeof DLE_EOT)[keyof typeof DLE_EOT]): Buffer {
  return Buffer.from([0x10, 0x04, n]);
}

export function isStatusReply(byte: number): boolean {
  return (byte & 0b1001_0011) === 0b0001_0010;
}

const errorCauses: ReadonlyArray<readonly [bit: number, message: string]> = [
  [2, 'mechanical error'],
  [3, 'autocutter error (paper jam?)'],
  [5, 'unrecoverable error: switch the printer off and on'],
  [6, 'print head overheated or cover opened while printing'],
];

export function parseRealtimeStatus(replies: RealtimeStatusBytes): PrinterStatus {
  for (const [name, byte] of Object.entries(replies)) {
    if (!isStatusReply(byte)) {
      throw new Error(`not an ESC/POS status reply for ${name}: 0x${byte.toString(16).padStart(2, '0')}`);
    }
  }
  const { printer, offlineCause, errorCause, paper } = replies;
  const coverOpen = bit(offlineCause, 2);
  const paperOut = bit(paper, 5) || bit(paper, 6) || bit(offlineCause, 5);
  const errors = errorCauses.filter(([n]) => bit(errorCause, n)).map(([, message]) => message);
  // Some printers flag an error in the offline cause without saying which in the error cause.
  if (errors.length === 0 && bit(offlineCause, 6)) errors.push('printer error (cause not reported)');
  const status: PrinterStatus = {
    online: !bit(printer, 3),
    paperOut,
    coverOpen,
    paperNearEnd: bit(paper, 2) || bit(paper, 3),
  };
  if (errors.length > 0) status.error = errors.join('; ');
  return status;
}

/** Whether a ticket sent now would come out of the printer. */
export function canPrint(status: PrinterStatus): boolean {
  return status.online && !status.paperOut && !status.coverOpen && status.error === undefined;
}

function bit(byte: number, n: number): boolean {
  return (byte & (1 << n)) !== 0;
}
