/**
 * Reads an ESC/POS stream back into what a printer would do with it: text runs (decoded from
 * GB18030 when in Chinese mode), character size, QR symbols, cuts. It knows the commands a ticket
 * uses and throws on any other, so an unexpected byte in the stream fails the test that reads it.
 */
import iconv from 'iconv-lite';

export type EscPosEvent =
  | { kind: 'text'; text: string; chinese: boolean; width: number; height: number; inverted: boolean }
  | { kind: 'lf' }
  | { kind: 'chinese'; on: boolean }
  | { kind: 'size'; width: number; height: number }
  | { kind: 'qr'; model: number | undefined; moduleSize: number | undefined; data: string }
  | { kind: 'cut'; mode: number }
  | { kind: 'other'; command: string };

export function readEscPos(stream: Buffer): EscPosEvent[] {
  const events: EscPosEvent[] = [];
  let chinese = false;
  let width = 1;
  let height = 1;
  let inverted = false;
  let qr: { model?: number; moduleSize?: number; data?: Buffer } = {};
  let i = 0;
  const at = (k: number) => {
    const b = stream[i + k];
    if (b === undefined) throw new Error(`stream ends inside a command at ${i}`);
    return b;
  };
  const other = (length: number, command: string) => {
    events.push({ kind: 'other', command });
    i += length;
  };

  while (i < stream.length) {
    const b = at(0);
    if (b >= 0x20) {
      let end = i;
      while (end < stream.length && (stream[end] ?? 0) >= 0x20) end++;
      const raw = stream.subarray(i, end);
      const text = chinese ? iconv.decode(raw, 'gb18030') : raw.toString('latin1');
      events.push({ kind: 'text', text, chinese, width, height, inverted });
      i = end;
    } else if (b === 0x0a) {
      events.push({ kind: 'lf' });
      i += 1;
    } else if (b === 0x1b) {
      const c = String.fromCharCode(at(1));
      if (c === '@') {
        chinese = false;
        width = height = 1;
        other(2, 'ESC @');
      } else if (c === '2') other(2, 'ESC 2');
      else if ('aM 3{t-E!'.includes(c)) other(3, `ESC ${c}`);
      else if ('$\\'.includes(c)) other(4, `ESC ${c}`);
      else throw new Error(`unknown ESC ${c} at ${i}`);
    } else if (b === 0x1c) {
      const c = String.fromCharCode(at(1));
      if (c === '&' || c === '.') {
        chinese = c === '&';
        events.push({ kind: 'chinese', on: chinese });
        i += 2;
      } else if (c === '(') other(5 + at(3) + at(4) * 256, `FS ( ${String.fromCharCode(at(2))}`);
      else if (c === 'S') other(4, 'FS S');
      else if ('-C!'.includes(c)) other(3, `FS ${c}`);
      else throw new Error(`unknown FS ${c} at ${i}`);
    } else if (b === 0x1d) {
      const c = String.fromCharCode(at(1));
      if (c === '!') {
        width = (at(2) >> 4) + 1;
        height = (at(2) & 0x0f) + 1;
        events.push({ kind: 'size', width, height });
        i += 3;
      } else if (c === 'B') {
        inverted = (at(2) & 1) === 1;
        other(3, 'GS B');
      } else if (c === 'V') {
        const mode = at(2);
        events.push({ kind: 'cut', mode });
        i += mode >= 65 ? 4 : 3;
      } else if (c === '(' && at(2) === 0x6b) {
        const length = at(3) + at(4) * 256;
        const [cn, fn] = [at(5), at(6)];
        if (cn !== 49) throw new Error(`GS ( k for a symbol other than QR (cn ${cn}) at ${i}`);
        if (fn === 65) qr.model = at(7);
        else if (fn === 67) qr.moduleSize = at(7);
        else if (fn === 80) qr.data = stream.subarray(i + 8, i + 5 + length);
        else if (fn === 81) {
          events.push({ kind: 'qr', model: qr.model, moduleSize: qr.moduleSize, data: qr.data?.toString('utf8') ?? '' });
          qr = {};
        }
        i += 5 + length;
      } else if ('arhwH'.includes(c)) other(3, `GS ${c}`);
      else if ('LW'.includes(c)) other(4, `GS ${c}`);
      else throw new Error(`unknown GS ${c} at ${i}`);
    } else if (b === 0x10 && at(1) === 0x04) {
      other(3, 'DLE EOT');
    } else {
      throw new Error(`unexpected control byte 0x${b.toString(16)} at ${i}`);
    }
  }
  return events;
}

export interface PrintedLine {
  text: string;
  runs: Extract<EscPosEvent, { kind: 'text' }>[];
}

/** The printed lines, as a reader of the paper sees them (blank lines dropped). */
export function printedLines(events: EscPosEvent[]): PrintedLine[] {
  const lines: PrintedLine[] = [];
  let runs: PrintedLine['runs'] = [];
  const flush = () => {
    const text = runs.map((r) => r.text).join('').trim();
    if (text.length > 0) lines.push({ text, runs });
    runs = [];
  };
  for (const e of events) {
    if (e.kind === 'text') runs.push(e);
    else if (e.kind === 'lf' || e.kind === 'qr' || e.kind === 'cut') flush();
  }
  flush();
  return lines;
}

/** Columns a run takes on paper: a hanzi is two half-width cells, both scaled by GS !. */
export function columns(run: PrintedLine['runs'][number]): number {
  return [...run.text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x7f ? 2 : 1), 0) * run.width;
}
