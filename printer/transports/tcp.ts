/**
 * A network printer on its raw port (9100, "JetDirect"): open, write, close. Before each ticket
 * it asks the printer's state with DLE EOT, because a printer out of paper still accepts the
 * bytes, and the ticket would come out whenever someone reloads the roll rather than now.
 */
import type { Socket } from 'node:net';
import { canPrint, dleEot, parseRealtimeStatus, type PrinterStatus } from '../status.js';
import { PrinterNotReadyError, type PrinterTransport } from '../transport.js';
import { connect, endpointName, replies, socketError, type Endpoint } from './tcpSocket.js';

export interface TcpPrinterOptions {
  host: string;
  port?: number;
  /** Ask DLE EOT status before each ticket and hold the ticket while the printer cannot print. */
  checkStatus?: boolean;
  connectTimeoutMs?: number;
  /** How long the printer may take to answer one status request. */
  replyTimeoutMs?: number;
  /** How long the printer may take to accept the whole ticket. */
  sendTimeoutMs?: number;
}

export function tcpPrinter(options: TcpPrinterOptions): PrinterTransport {
  const endpoint: Endpoint = { host: options.host, port: options.port ?? 9100 };
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const replyTimeoutMs = options.replyTimeoutMs ?? 1500;
  const sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
  const name = `tcp ${endpoint.host}:${endpoint.port}`;
  return {
    name,
    async send(bytes) {
      if (options.checkStatus ?? true) {
        const status = await queryStatus(endpoint, connectTimeoutMs, replyTimeoutMs);
        // A printer that does not answer DLE EOT cannot say it is out of paper: print anyway.
        if (status && !canPrint(status)) throw new PrinterNotReadyError(name, status);
      }
      const socket = await connect(endpoint, connectTimeoutMs);
      await writeAndClose(socket, endpoint, bytes, sendTimeoutMs);
    },
    async status() {
      try {
        const status = await queryStatus(endpoint, connectTimeoutMs, replyTimeoutMs);
        return status ?? { online: true, paperOut: false, coverOpen: false, error: `${endpointName(endpoint)} does not answer DLE EOT status requests` };
      } catch (err) {
        return { online: false, paperOut: false, coverOpen: false, error: (err as Error).message };
      }
    },
  };
}

/**
 * DLE EOT 1–4 on a connection of its own, one request at a time: the reference says not to send
 * the next request before the reply to the previous one has come. `undefined` when the printer
 * stays silent; rejects when it cannot be reached.
 */
export async function queryStatus(endpoint: Endpoint, connectTimeoutMs: number, replyTimeoutMs: number): Promise<PrinterStatus | undefined> {
  const socket = await connect(endpoint, connectTimeoutMs);
  try {
    const reply = replies(socket);
    const ask = async (n: 1 | 2 | 3 | 4) => {
      socket.write(dleEot(n));
      return reply.next(replyTimeoutMs);
    };
    const printer = await ask(1);
    if (printer === undefined) return undefined;
    // Some low-cost printers answer only n=1 and 2; a missing reply is read as "nothing to report"
    // (0x12 is the bare reply frame with no flag set).
    const offlineCause = (await ask(2)) ?? 0x12;
    const errorCause = (await ask(3)) ?? 0x12;
    const paper = (await ask(4)) ?? 0x12;
    return parseRealtimeStatus({ printer, offlineCause, errorCause, paper });
  } finally {
    socket.destroy();
  }
}

/**
 * Resolves when every byte is handed to the network and the printer has closed its side, or soon
 * after the hand-over if it keeps the connection open (many do until their buffer is printed).
 */
function writeAndClose(socket: Socket, endpoint: Endpoint, bytes: Buffer, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let graceTimer: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => {
      finish(new Error(`${endpointName(endpoint)} did not take the ticket within ${timeoutMs} ms (buffer full: paper out or jammed?)`));
    }, timeoutMs);
    const finish = (err?: Error) => {
      clearTimeout(deadline);
      clearTimeout(graceTimer);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    socket.on('error', (err: NodeJS.ErrnoException) => finish(socketError(endpoint, err)));
    // Replies we did not ask for are read and dropped: unread data would make our close a reset.
    socket.on('data', () => {});
    socket.on('end', () => finish());
    socket.end(bytes, () => {
      graceTimer = setTimeout(() => finish(), 1000);
    });
  });
}
