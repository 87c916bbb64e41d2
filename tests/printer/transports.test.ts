import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTransport, printerConfigSchema } from '../../printer/index.js';
import { ticketEscPos, ticketSvg, type TicketPrint } from '../../printer/ticket.js';
import { PrinterNotReadyError } from '../../printer/transport.js';
import { devicePrinter } from '../../printer/transports/device.js';
import { tcpPrinter } from '../../printer/transports/tcp.js';
import { virtualPrinter } from '../../printer/transports/virtual.js';
import { FakePrinter, PAPER_OUT_STATUS } from './fakePrinter.js';

const ticket: TicketPrint = {
  hallName: '兰考县政务服务中心',
  number: 'A012',
  serviceName: '社保医保卫健',
  ahead: 5,
  issuedAt: Date.UTC(2025, 2, 4, 1, 15),
  timeZone: 'Asia/Shanghai',
  trackUrl: 'https://yc.example.cn/t/A012',
  footer: '过号请重新取号',
  paperWidth: 80,
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yc-printer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('network printer (TCP 9100)', () => {
  let printer: FakePrinter;
  beforeEach(async () => {
    printer = new FakePrinter();
    await printer.switchOn();
  });
  afterEach(() => printer.switchOff());

  it('delivers the ticket bytes unchanged over one connection', async () => {
    const bytes = ticketEscPos(ticket);
    await tcpPrinter({ host: '127.0.0.1', port: printer.port }).send(bytes, 'A012');
    expect(printer.tickets).toHaveLength(1);
    expect(printer.tickets[0]?.equals(bytes)).toBe(true);
  });

  it('rejects with the printer address and the reason when the port refuses', async () => {
    const port = printer.port;
    await printer.switchOff();
    await expect(tcpPrinter({ host: '127.0.0.1', port }).send(Buffer.from('x'), 'A012')).rejects.toThrow(
      `printer 127.0.0.1:${port} refused the connection`,
    );
  });

  it('reads the printer status with DLE EOT', async () => {
    printer.status = PAPER_OUT_STATUS;
    const status = await tcpPrinter({ host: '127.0.0.1', port: printer.port }).status?.();
    expect(status).toMatchObject({ online: false, paperOut: true, coverOpen: false });
  });

  it('holds the ticket while the printer says it is out of paper', async () => {
    printer.status = PAPER_OUT_STATUS;
    const send = tcpPrinter({ host: '127.0.0.1', port: printer.port }).send(ticketEscPos(ticket), 'A012');
    await expect(send).rejects.toBeInstanceOf(PrinterNotReadyError);
    await expect(send).rejects.toThrow(/out of paper/);
    expect(printer.tickets).toHaveLength(0);
  });

  it('still prints on a printer that never answers status requests', async () => {
    printer.status = null;
    const transport = tcpPrinter({ host: '127.0.0.1', port: printer.port, replyTimeoutMs: 100 });
    await transport.send(ticketEscPos(ticket), 'A012');
    expect(printer.tickets).toHaveLength(1);
    expect((await transport.status?.())?.error).toMatch(/does not answer DLE EOT/);
  });
});

describe('device-file printer', () => {
  it('writes the bytes to the device', async () => {
    const device = join(dir, 'lp0');
    await writeFile(device, '');
    const bytes = ticketEscPos(ticket);
    await devicePrinter({ path: device }).send(bytes, 'A012');
    expect((await readFile(device)).equals(bytes)).toBe(true);
  });

  it('fails on a missing device instead of creating a file', async () => {
    const device = join(dir, 'usb', 'lp9');
    await expect(devicePrinter({ path: device }).send(Buffer.from('x'), 'A012')).rejects.toThrow(/no such device/);
    await expect(readdir(dir)).resolves.toEqual([]);
  });
});

describe('virtual printer', () => {
  it('keeps the bytes as <id>.bin and a PNG picture of the ticket beside them', async () => {
    const bytes = ticketEscPos(ticket);
    await virtualPrinter({ dir }).send(bytes, 'lankao:2025-03-04:A012', () => ticketSvg(ticket));
    expect((await readdir(dir)).sort()).toEqual(['lankao_2025-03-04_A012.bin', 'lankao_2025-03-04_A012.png']);
    expect((await readFile(join(dir, 'lankao_2025-03-04_A012.bin'))).equals(bytes)).toBe(true);
    const png = await readFile(join(dir, 'lankao_2025-03-04_A012.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5000);
    // IHDR: one pixel per printer dot, 576 across on 80 mm paper.
    expect(png.readUInt32BE(16)).toBe(576);
  });
});

describe('printer configuration', () => {
  it('fills in the port and paper width and refuses a misspelt key', () => {
    expect(printerConfigSchema.parse({ kind: 'tcp', host: '10.0.0.8' })).toEqual({ kind: 'tcp', host: '10.0.0.8', port: 9100, checkStatus: true, paperWidth: 80 });
    expect(printerConfigSchema.safeParse({ kind: 'tcp', host: '10.0.0.8', chekStatus: false }).success).toBe(false);
    expect(printerConfigSchema.safeParse({ kind: 'device', path: '/dev/usb/lp0', paperWidth: 76 }).success).toBe(false);
  });

  it('makes the transport the configuration names', () => {
    expect(createTransport({ kind: 'tcp', host: '10.0.0.8' }).name).toBe('tcp 10.0.0.8:9100');
    expect(createTransport({ kind: 'device', path: '/dev/usb/lp0', paperWidth: 58 }).name).toBe('device /dev/usb/lp0');
    expect(createTransport({ kind: 'virtual', dir: '/var/lib/yichuang/tickets' }).name).toBe('virtual /var/lib/yichuang/tickets');
  });
});
