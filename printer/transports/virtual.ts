/**
 * A printer that is a folder: the demo hall, a kiosk under test, a developer without hardware.
 * Each job leaves `<dir>/<jobId>.bin` (the exact bytes a real printer would get, for
 * `cat x.bin > /dev/usb/lp0` or a hex dump) and `<dir>/<jobId>.png` (what the ticket looks like).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrinterTransport } from '../transport.js';

export interface VirtualPrinterOptions {
  dir: string;
}

export function virtualPrinter({ dir }: VirtualPrinterOptions): PrinterTransport {
  return {
    name: `virtual ${dir}`,
    async send(bytes, jobId, preview) {
      await mkdir(dir, { recursive: true });
      const base = join(dir, fileSafe(jobId));
      await writeWhole(`${base}.bin`, bytes);
      if (preview) {
        // resvg's native renderer is loaded on the first picture, not when the hub starts.
        const { svgToPng } = await import('../preview.js');
        await writeWhole(`${base}.png`, await svgToPng(preview()));
      }
    },
  };
}

/** A screen or test watching the folder never sees half a file: write aside, then rename. */
async function writeWhole(path: string, data: Buffer): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, data);
  await rename(partial, path);
}

/** Ticket ids may carry `:` or `/`; a file name may not. */
function fileSafe(jobId: string): string {
  return jobId.replace(/[^A-Za-z0-9._-]/g, '_');
}
