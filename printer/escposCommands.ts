/**
 * receiptline's ESC/POS command set, adjusted for the Chinese thermal printers found in halls
 * (Epson TM-T8x Chinese models and the ESC/POS-compatible Xprinter, Gprinter, SNBC kiosk units).
 * Everything not overridden here (alignment, sizes, wrapping, cut) is receiptline's.
 */
import iconv from 'iconv-lite';
import { commands, type BaseCommand, type QRCode } from 'receiptline';

const ESC = '\x1b';
const FS = '\x1c';
const GS = '\x1d';
const bytes = (...values: number[]) => String.fromCharCode(...values);

/** Error-correction level byte of GS ( k fn 169. */
const qrLevel: Record<QRCode['level'], number> = { l: 48, m: 49, q: 50, h: 51 };

export const chineseEscPos: BaseCommand = {
  ...commands.escpos,

  /**
   * GB18030 only prints as Chinese inside the printer's Chinese (Kanji) mode: FS & enters it and
   * FS . leaves it, so the ASCII and box characters that follow are not read as half a hanzi.
   * Pure ASCII runs stay in single-byte mode.
   */
  text(value: string): string {
    const encoded = iconv.encode(value, 'gb18030').toString('latin1');
    if (!/[^\x00-\x7f]/.test(encoded)) return `${ESC}t\x00${encoded}`;
    return `${ESC}t\x00${FS}&${encoded}${FS}.`;
  },

  /**
   * receiptline 4 prints QR codes as raster images. The printer's own QR symbol (GS ( k, model 2)
   * is sharper, a fraction of the bytes, and lets a test read the tracker URL back from the stream.
   * Data is UTF-8, the byte mode every phone scanner assumes.
   */
  qrcode(symbol: QRCode): string {
    if (symbol.data.length === 0) return '';
    const data = Buffer.from(symbol.data, 'utf8').toString('latin1');
    const store = data.length + 3;
    return (
      `${GS}(k${bytes(4, 0, 49, 65, 50, 0)}` + // fn 165: model 2
      `${GS}(k${bytes(3, 0, 49, 67, symbol.cell)}` + // fn 167: module size in dots
      `${GS}(k${bytes(3, 0, 49, 69, qrLevel[symbol.level])}` + // fn 169: error correction
      `${GS}(k${bytes(store & 0xff, store >> 8, 49, 80, 48)}${data}` + // fn 180: store
      `${GS}(k${bytes(3, 0, 49, 81, 48)}` // fn 181: print
    );
  },

  /**
   * receiptline draws rules with Epson's code page 1 line glyph (0x95); on Chinese printers page 1
   * is another code page and the rule prints as a row of accented letters. A dash prints anywhere.
   */
  hr(width: number): string {
    return `${ESC}t\x00${'-'.repeat(width)}`;
  },

  /**
   * receiptline ends with GS r 1, asking the printer to send a status byte back. Nothing reads the
   * print connection (status is asked for with DLE EOT on its own), so the ticket ends at its cut.
   */
  close(): string {
    return '';
  },
};
