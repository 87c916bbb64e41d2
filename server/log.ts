/**
 * The hub's one logger (pino). JSON lines on stdout, one object per line, for journald, Loki or
 * whatever collects them; a short coloured line instead when a person watches (a TTY, or
 * LOG_FORMAT=pretty). The level comes from LOG_LEVEL (tests run with "silent": vitest.config.ts).
 *
 * What a line is about travels with the work, not through every signature: an HTTP request runs
 * inside its child logger (reqId, see http/requestLog.ts), a BullMQ job inside one with its queue
 * and job id (withJobLog), and `log()` anywhere below — a command, the store, an error handler —
 * returns the logger of the work it runs in. Outside any, it is the root logger.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import { logSettings, type LogSettings } from './env.js';

export type { Logger };

const levelNames: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const levelColours: Record<number, string> = { 10: '90', 20: '90', 30: '32', 40: '33', 50: '31', 60: '35' };
const hidden = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** One line a person reads: time, level, message, then the fields as key=value (no dependency on pino-pretty). */
export function prettyLine(json: string, colour: boolean): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const level = Number(o.level);
  const time = new Date(Number(o.time)).toTimeString().slice(0, 8);
  const name = (levelNames[level] ?? String(o.level)).padEnd(5);
  const fields = Object.entries(o)
    .filter(([k]) => !hidden.has(k))
    .map(([k, v]) => {
      if (k === 'err' && v && typeof v === 'object') return `\n    ${String((v as { stack?: string }).stack ?? (v as { message?: string }).message).replace(/\n/g, '\n    ')}`;
      return `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    });
  const tag = colour ? `\x1b[${levelColours[level] ?? '0'}m${name}\x1b[0m` : name;
  return `${time} ${tag} ${String(o.msg ?? '')}${fields.length ? `  ${fields.join(' ')}` : ''}\n`;
}

function prettyStream(out: NodeJS.WriteStream, colour: boolean): DestinationStream {
  return { write: (line: string) => void out.write(prettyLine(line, colour)) };
}

export function createLogger(settings: LogSettings, out: NodeJS.WriteStream = process.stdout): Logger {
  const pretty = settings.LOG_FORMAT === 'pretty' || (settings.LOG_FORMAT === 'auto' && out.isTTY === true);
  const options = { level: settings.LOG_LEVEL, base: { pid: process.pid }, serializers: { err: pino.stdSerializers.err } };
  return pretty ? pino(options, prettyStream(out, out.isTTY === true)) : pino(options, pino.destination({ dest: (out as NodeJS.WriteStream & { fd: number }).fd, sync: true }));
}

/** The process's root logger, configured from the environment on first use. */
let root: Logger | undefined;
export function rootLogger(): Logger {
  root ??= createLogger(logSettings());
  return root;
}

const current = new AsyncLocalStorage<Logger>();

/** The logger of the work this code runs in (a request, a job), or the root logger. */
export function log(): Logger {
  return current.getStore() ?? rootLogger();
}

/** Run `fn` with `logger` as what log() returns, in it and everything it awaits. */
export function withLogger<T>(logger: Logger, fn: () => T): T {
  return current.run(logger, fn);
}

/** A logger for one part of the hub: `component('archive')` → every line carries component=archive. */
export function component(name: string): Logger {
  return rootLogger().child({ component: name });
}

/** A thrown value as the `err` field pino serialises (message and stack). */
export const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
