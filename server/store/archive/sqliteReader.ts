/**
 * Read-only queries on the SQLite archive in threads of their own. better-sqlite3 runs a query
 * on the calling thread until it is done: a month's aggregate of a hall (store/archive/
 * monthMetrics.ts) would hold the hub's event loop for its whole length, and evaluating many
 * halls could never overlap one hall's reading with another's scoring. The query is compiled
 * here by Kysely and run there (sqliteReaderThread.mjs) on a read-only connection; the archive
 * is in WAL mode, so it reads what is committed while the archiver writes. Two threads (one on a
 * single core): each query goes to the one with the fewest in hand.
 * PostgreSQL, and a SQLite database in memory (no file another connection could open), run the
 * query as usual.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';
import { sqliteHandle, type ArchiveDb } from './database.js';

interface Pending {
  resolve(rows: unknown[]): void;
  reject(err: Error): void;
}

interface Reader {
  worker: Worker;
  pending: Map<number, Pending>;
}

const THREADS = Math.max(1, Math.min(2, availableParallelism()));
const readers: (Reader | undefined)[] = Array.from({ length: THREADS }, () => undefined);
let nextId = 1;

function start(slot: number): Reader {
  const worker = new Worker(fileURLToPath(new URL('./sqliteReaderThread.mjs', import.meta.url)));
  const reader: Reader = { worker, pending: new Map() };
  worker.on('message', (m: { id: number; rows?: unknown[]; error?: string }) => {
    const p = reader.pending.get(m.id);
    if (!p) return;
    reader.pending.delete(m.id);
    if (reader.pending.size === 0) worker.unref();
    if (m.error !== undefined) p.reject(new Error(`archive read: ${m.error}`));
    else p.resolve(m.rows ?? []);
  });
  // A thread that died fails what it held; the next read starts another in its place.
  const fail = (err: Error) => {
    if (readers[slot] === reader) readers[slot] = undefined;
    for (const [id, p] of reader.pending) {
      reader.pending.delete(id);
      p.reject(err);
    }
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`archive reading thread exited (${code})`)));
  worker.unref();
  readers[slot] = reader;
  return reader;
}

/** The thread with the fewest queries in hand (started when its slot is empty). */
function leastBusy(): Reader {
  let best: Reader | undefined;
  for (let slot = 0; slot < readers.length; slot++) {
    const r = readers[slot] ?? start(slot);
    if (!best || r.pending.size < best.pending.size) best = r;
  }
  return best!;
}

/** Stops the reading threads (what they were reading fails); the next read starts others. */
export async function stopReadingThreads(): Promise<void> {
  const running = readers.filter((r): r is Reader => r !== undefined);
  readers.fill(undefined);
  await Promise.all(running.map((r) => r.worker.terminate()));
}

/** The rows of a read-only query: on a reading thread for a SQLite file, else on `db`. */
export async function readRows<R>(db: ArchiveDb, query: CompiledQuery<R>): Promise<R[]> {
  const handle = sqliteHandle(db);
  if (!handle || handle.memory) return (await db.executeQuery(query)).rows;
  const reader = leastBusy();
  const id = nextId++;
  const rows = new Promise<unknown[]>((resolve, reject) => reader.pending.set(id, { resolve, reject }));
  reader.worker.ref();
  reader.worker.postMessage({ id, file: handle.name, sql: query.sql, parameters: query.parameters });
  return (await rows) as R[];
}
