/**
 * How ticket bytes reach a printer. Layout knows nothing of transports and transports nothing of
 * tickets: a transport moves bytes and, where the printer can tell, reports its state.
 */
import type { PrinterStatus } from './status.js';

export type { PrinterStatus } from './status.js';

export interface PrinterTransport {
  /** For logs and the manager's device list, e.g. `tcp 192.168.1.50:9100`. */
  readonly name: string;
  /**
   * Resolves once the printer (or the OS on its behalf) has taken every byte; rejects with an
   * error that says which printer and why. `jobId` names the job for transports that keep files.
   * `preview`, when given, draws the same document as SVG, for transports that keep a picture.
   */
  send(bytes: Buffer, jobId: string, preview?: () => string): Promise<void>;
  status?(): Promise<PrinterStatus>;
}

/** The printer answered, and said it cannot print now: no paper, cover open, offline. */
export class PrinterNotReadyError extends Error {
  constructor(
    readonly printer: string,
    readonly status: PrinterStatus,
  ) {
    super(`${printer} is not ready: ${describeStatus(status)}`);
    this.name = 'PrinterNotReadyError';
  }
}

export function describeStatus(status: PrinterStatus): string {
  const problems = [
    !status.online && 'offline',
    status.paperOut && 'out of paper',
    status.coverOpen && 'cover open',
    status.error,
  ].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return problems.length > 0 ? problems.join(', ') : 'ready';
}
