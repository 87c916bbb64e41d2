/**
 * The printer module's front door: the per-kiosk printer configuration the hall configuration
 * embeds, and the transport it names.
 */
import { z } from 'zod';
import { devicePrinter } from './transports/device.js';
import { tcpPrinter } from './transports/tcp.js';
import { virtualPrinter } from './transports/virtual.js';
import type { PrinterTransport } from './transport.js';

// The layout (receiptline) is not re-exported either: the print worker loads
// printer/ticket.js with its first ticket, so a hub without printers never loads it.
export type { TicketPrint } from './ticket.js';
export { PrinterNotReadyError, describeStatus, type PrinterTransport } from './transport.js';
export { canPrint, parseRealtimeStatus, type PrinterStatus } from './status.js';
// svgToPng is not re-exported: it loads resvg's native binary, which only a virtual printer (and
// the preview script) needs; they import printer/preview.js themselves, when they need it.

/** The roll the kiosk's printer holds; the ticket layout follows it. */
const paperWidth = z.union([z.literal(58), z.literal(80)]).default(80);

// Strict: a misspelt key (`chekStatus`) in a hall's configuration is an error, not a silent default.
export const printerConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('tcp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(9100),
    /** Ask DLE EOT before each ticket; turn off for a printer that never answers (costs a timeout per ticket). */
    checkStatus: z.boolean().default(true),
    paperWidth,
  }),
  z.strictObject({
    kind: z.literal('device'),
    path: z.string().min(1),
    paperWidth,
  }),
  z.strictObject({
    kind: z.literal('virtual'),
    dir: z.string().min(1),
    paperWidth,
  }),
]);

/** As written in the hall configuration (defaults may be left out). */
export type PrinterConfigInput = z.input<typeof printerConfigSchema>;
/** As validated, defaults filled in. */
export type PrinterConfig = z.output<typeof printerConfigSchema>;

export function createTransport(config: PrinterConfigInput): PrinterTransport {
  const c = printerConfigSchema.parse(config);
  switch (c.kind) {
    case 'tcp':
      return tcpPrinter({ host: c.host, port: c.port, checkStatus: c.checkStatus });
    case 'device':
      return devicePrinter({ path: c.path });
    case 'virtual':
      return virtualPrinter({ dir: c.dir });
  }
}
