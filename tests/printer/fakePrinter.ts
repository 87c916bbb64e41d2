/**
 * A network ticket printer on 127.0.0.1: takes connections on its raw port, answers DLE EOT
 * status requests like a real ESC/POS printer, and keeps every ticket it was sent. It can be
 * switched off (the port refuses) and on again at the same port.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { RealtimeStatusBytes } from '../../printer/status.js';

export const READY_STATUS: RealtimeStatusBytes = { printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paper: 0x12 };
export const PAPER_OUT_STATUS: RealtimeStatusBytes = { printer: 0x1a, offlineCause: 0x32, errorCause: 0x12, paper: 0x7e };

export class FakePrinter {
  /** Each print connection's bytes, status requests taken out. */
  readonly tickets: Buffer[] = [];
  /** `null`: a printer that never answers status requests. */
  status: RealtimeStatusBytes | null = READY_STATUS;
  /**
   * Tickets left to take and then break the connection on, as a printer that loses power mid-job
   * or a cable pulled does: the paper came out, the sender sees an error and cannot know.
   */
  resetAfterTaking = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;

  get port(): number {
    return this.boundPort;
  }

  async switchOn(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('fake printer has no port');
    this.boundPort = address.port;
    this.server = server;
  }

  /** Stops listening and drops open connections: connecting now is refused. */
  async switchOff(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async waitForTickets(count: number, timeoutMs = 5000): Promise<Buffer[]> {
    const until = Date.now() + timeoutMs;
    while (this.tickets.length < count) {
      if (Date.now() > until) throw new Error(`fake printer got ${this.tickets.length} of ${count} tickets in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.tickets;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      const kept = this.answerStatusRequests(socket, chunk);
      chunks.push(kept);
      if (kept.length > 0 && this.resetAfterTaking > 0) {
        // Wait for the whole ticket (it ends with a cut), keep it, then drop the line.
        const data = Buffer.concat(chunks);
        if (data.includes(Buffer.from([0x1d, 0x56]))) {
          this.resetAfterTaking--;
          this.tickets.push(data);
          chunks.length = 0;
          socket.resetAndDestroy();
        }
      }
    });
    socket.on('end', () => {
      const data = Buffer.concat(chunks);
      if (data.length > 0) this.tickets.push(data);
      socket.end();
    });
    socket.on('error', () => {});
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** Like a real printer, answers DLE EOT wherever it appears; returns the chunk without them. */
  private answerStatusRequests(socket: Socket, chunk: Buffer): Buffer {
    const kept: number[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const n = chunk[i + 2];
      if (chunk[i] === 0x10 && chunk[i + 1] === 0x04 && n !== undefined && n >= 1 && n <= 4) {
        const s = this.status;
        if (s) socket.write(Buffer.from([[s.printer, s.offlineCause, s.errorCause, s.paper][n - 1] ?? 0]));
        i += 2;
      } else {
        kept.push(chunk[i] ?? 0);
      }
    }
    return Buffer.from(kept);
  }
}
