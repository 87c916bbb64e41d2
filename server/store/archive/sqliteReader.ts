/**
 * Read-only queries on the SQLite archive in a thread of their own. better-sqlite3 runs a query
 * on the calling thread until it is done: a month's aggregate of a hall (store/archive/
 * monthMetrics.ts) would hold the hub's event loop for its whole length, and evaluating many
 * halls could never overlap one hall's reading with another's scoring. The query is compiled
 * here by Kysely and run there (sqliteReaderThread.mjs) on a read-only connection; the archive
 * is in WAL mode, so it reads what is committed while the archiver writes.
 * PostgreSQL, and a SQLite database in memory (no file another connection could open), run the
 * query as usual.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';
import { sqliteHandle, type ArchiveDb } from './database.js';

interface Pending {
  resolve(rows: unknown[]): void;
  reject(err: Error): void;
}

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(fileURLToPath(new URL('./sqliteReaderThread.mjs', import.meta.url)));
  w.on('message', (m: { id: number; rows?: unknown[]; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (m.error !== undefined) p.reject(new Error(`archive read: ${m.error}`));
    else p.resolve(m.rows ?? []);
  });
  // A thread that died fails what it held; the next read starts another.
  const fail = (err: Error) => {
    if (worker === w) worker = undefined;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(err);
    }
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`archive reading thread exited (${code})`)));
  w.unref();
  worker = w;
  return w;
}

/** Stops the reading thread (what it was reading fails); the next read starts another. */
export async function stopReadingThread(): Promise<void> {
  const w = worker;
  worker = undefined;
  await w?.terminate();
}

/** The rows of a read-only query: on the reading thread for a SQLite file, else on `db`. */
export async function readRows<R>(db: ArchiveDb, query: CompiledQuery<R>): Promise<R[]> {
  const handle = sqliteHandle(db);
  if (!handle || handle.memory) return (await db.executeQuery(query)).rows;
  const w = thread();
  const id = nextId++;
  const rows = new Promise<unknown[]>((resolve, reject) => pending.set(id, { resolve, reject }));
  w.ref();
  w.postMessage({ id, file: handle.name, sql: query.sql, parameters: query.parameters });
  return (await rows) as R[];
}
