/**
 * Draws the sample ticket on both paper widths (and a 补打 one), for docs/printing.md and for a quick look after a
 * layout change:  npx tsx printer/renderPreviews.ts [out-dir]   (default docs/screenshots)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { svgToPng } from './preview.js';
import { ticketSvg, type TicketPrint } from './ticket.js';

const sampleTicket = (paperWidth: TicketPrint['paperWidth']): TicketPrint => ({
  hallName: '兰考县政务服务中心',
  number: 'A012',
  serviceName: '社保医保卫健',
  ahead: 5,
  issuedAt: Date.UTC(2025, 2, 4, 1, 15),
  timeZone: 'Asia/Shanghai',
  trackUrl: 'https://yc.example.cn/t/lankao-20250304-A012',
  footer: '请留意叫号与屏幕提示，过号请到咨询台重新排队。本票当日有效。',
  paperWidth,
});

const outDir = process.argv[2] ?? 'docs/screenshots';
await mkdir(outDir, { recursive: true });
for (const width of [80, 58] as const) {
  const path = join(outDir, `ticket-${width}mm.png`);
  await writeFile(path, await svgToPng(ticketSvg(sampleTicket(width))));
  console.log(path);
}
// A paper printed after an outage (docs/printing.md): 补打, with the time of printing and the position then.
const reprint = join(outDir, 'ticket-80mm-reprint.png');
await writeFile(reprint, await svgToPng(ticketSvg({ ...sampleTicket(80), ahead: 2, reprint: { printedAt: Date.UTC(2025, 2, 4, 2, 40) } })));
console.log(reprint);
