import { describe, expect, it } from 'vitest';
import { canPrint, dleEot, isStatusReply, parseRealtimeStatus, type RealtimeStatusBytes } from '../../printer/status.js';

// 0x12 is a reply with no flag set: bits 1 and 4 are fixed on, bits 0 and 7 fixed off.
const clear: RealtimeStatusBytes = { printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paper: 0x12 };

describe('DLE EOT real-time status', () => {
  it('asks with the bytes 10 04 n', () => {
    expect([...dleEot(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...dleEot(4)]).toEqual([0x10, 0x04, 0x04]);
  });

  it('reads a printer with nothing to report as ready', () => {
    const status = parseRealtimeStatus(clear);
    expect(status).toEqual({ online: true, paperOut: false, coverOpen: false, paperNearEnd: false });
    expect(canPrint(status)).toBe(true);
  });

  it('reads an open cover: offline (n=1 bit 3) because the cover is open (n=2 bit 2)', () => {
    const status = parseRealtimeStatus({ ...clear, printer: 0x1a, offlineCause: 0x16 });
    expect(status).toMatchObject({ online: false, coverOpen: true, paperOut: false });
    expect(canPrint(status)).toBe(false);
  });

  it('reads paper out from the roll end sensor (n=4 bits 5–6) and the paper-end stop (n=2 bit 5)', () => {
    expect(parseRealtimeStatus({ ...clear, printer: 0x1a, offlineCause: 0x32, paper: 0x7e })).toMatchObject({
      online: false,
      paperOut: true,
      paperNearEnd: true,
    });
    expect(parseRealtimeStatus({ ...clear, paper: 0x72 }).paperOut).toBe(true);
    expect(parseRealtimeStatus({ ...clear, offlineCause: 0x32 }).paperOut).toBe(true);
  });

  it('reads a roll near its end (n=4 bits 2–3) as still printable', () => {
    const status = parseRealtimeStatus({ ...clear, paper: 0x1e });
    expect(status).toMatchObject({ paperOut: false, paperNearEnd: true });
    expect(canPrint(status)).toBe(true);
  });

  it('names the error cause (n=3): autocutter, unrecoverable, overheated head', () => {
    expect(parseRealtimeStatus({ ...clear, printer: 0x1a, offlineCause: 0x52, errorCause: 0x1a }).error).toMatch(/autocutter/);
    expect(parseRealtimeStatus({ ...clear, offlineCause: 0x52, errorCause: 0x32 }).error).toMatch(/unrecoverable/);
    expect(parseRealtimeStatus({ ...clear, offlineCause: 0x52, errorCause: 0x52 }).error).toMatch(/overheated/);
    expect(parseRealtimeStatus({ ...clear, errorCause: 0x3a }).error).toMatch(/autocutter.*unrecoverable/);
  });

  it('reports an error flagged only in the offline cause (n=2 bit 6)', () => {
    const status = parseRealtimeStatus({ ...clear, printer: 0x1a, offlineCause: 0x52 });
    expect(status.error).toMatch(/cause not reported/);
    expect(canPrint(status)).toBe(false);
  });

  it('refuses a byte that is not a status reply', () => {
    expect(isStatusReply(0x12)).toBe(true);
    expect(isStatusReply(0x00)).toBe(false);
    expect(isStatusReply(0x92)).toBe(false);
    expect(() => parseRealtimeStatus({ ...clear, paper: 0x41 })).toThrow(/not an ESC\/POS status reply for paper: 0x41/);
  });
});
