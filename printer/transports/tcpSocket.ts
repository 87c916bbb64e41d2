/** Socket plumbing for network printers: connecting with a deadline, errors a manager can act on. */
import { connect as netConnect, type Socket } from 'node:net';

export interface Endpoint {
  host: string;
  port: number;
}

export function endpointName({ host, port }: Endpoint): string {
  return `printer ${host}:${port}`;
}

/** Connects or rejects within `timeoutMs`: a printer that is switched off often drops SYNs silently. */
export function connect(endpoint: Endpoint, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: endpoint.host, port: endpoint.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${endpointName(endpoint)} did not accept a connection within ${timeoutMs} ms`));
    }, timeoutMs);
    const onError = (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(socketError(endpoint, err));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

export function socketError(endpoint: Endpoint, err: NodeJS.ErrnoException): Error {
  const name = endpointName(endpoint);
  const reason: Record<string, string> = {
    ECONNREFUSED: 'refused the connection (printer off, rebooting, or another port)',
    EHOSTUNREACH: 'is unreachable (no route: cable, switch or address)',
    ENETUNREACH: 'is unreachable (no network route)',
    ENOTFOUND: 'has a host name that does not resolve',
    ETIMEDOUT: 'timed out',
    ECONNRESET: 'closed the connection (reset)',
    EPIPE: 'closed the connection while data was being sent',
  };
  const text = err.code && reason[err.code] ? `${reason[err.code]} [${err.code}]` : err.message;
  return new Error(`${name} ${text}`, { cause: err });
}

/** Bytes the printer sends back, read one at a time; `undefined` when none came in time. */
export function replies(socket: Socket): { next(timeoutMs: number): Promise<number | undefined> } {
  const received: number[] = [];
  let waiting: ((byte: number | undefined) => void) | undefined;
  const wake = () => {
    const w = waiting;
    waiting = undefined;
    w?.(received.shift());
  };
  socket.on('data', (chunk: Buffer) => {
    received.push(...chunk);
    wake();
  });
  socket.on('close', wake);
  socket.on('error', () => wake());
  return {
    next(timeoutMs) {
      if (received.length > 0) return Promise.resolve(received.shift());
      if (socket.destroyed) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting = undefined;
          resolve(undefined);
        }, timeoutMs);
        waiting = (byte) => {
          clearTimeout(timer);
          resolve(byte);
        };
      });
    },
  };
}
