/**
 * A printer behind a device file: USB (`/dev/usb/lp0`), parallel (`/dev/lp0`) or a serial port
 * already set to the printer's speed (`/dev/ttyUSB0`, see docs/printing.md).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { PrinterTransport } from '../transport.js';

export interface DevicePrinterOptions {
  path: string;
}

export function devicePrinter({ path }: DevicePrinterOptions): PrinterTransport {
  const name = `device ${path}`;
  return {
    name,
    async send(bytes) {
      // Without O_CREAT: a wrong or unplugged device path must fail, not quietly become a file.
      // There is no write deadline: the kernel blocks a write while the printer is busy, and a
      // write abandoned on a timeout could still complete later and print the ticket twice.
      const handle = await open(path, constants.O_WRONLY | constants.O_NOCTTY).catch((err: NodeJS.ErrnoException) => {
        throw new Error(`${name} cannot be opened: ${deviceReason(err)}`, { cause: err });
      });
      try {
        await handle.writeFile(bytes);
      } catch (err) {
        throw new Error(`${name} write failed: ${deviceReason(err as NodeJS.ErrnoException)}`, { cause: err });
      } finally {
        await handle.close();
      }
    },
  };
}

function deviceReason(err: NodeJS.ErrnoException): string {
  const reason: Record<string, string> = {
    ENOENT: 'no such device (unplugged, or another path)',
    ENODEV: 'no such device (unplugged)',
    ENXIO: 'device not connected',
    EACCES: 'permission denied (add the server user to the lp group)',
    EBUSY: 'device busy',
    EIO: 'I/O error (printer offline, out of paper or cover open)',
  };
  return err.code && reason[err.code] ? `${reason[err.code]} [${err.code}]` : err.message;
}
