/**
 * bench:archive's trial of the design that could pass the SQLite archive's ceiling: this thread
 * reads the stream and folds each batch (ArchiveStore.prepare), a thread of its own writes it
 * (sqliteWriterThread.mjs: the same statements as ArchiveStore.commit, one transaction a batch,
 * two batches in flight). Not the archive's code: a measurement of what the split would gain,
 * and of what each half costs.
 */
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Halls } from '../../server/commands/context.js';
import { businessDays } from '../../server/jobs/archiver.js';
import { ArchiveStore, batchWrites, streamEntries, type Prepared } from '../../server/store/archive/archiveStore.js';
import { sqliteInsert, type BulkWrite } from '../../server/store/archive/bulk.js';
import type { ArchiveDb } from '../../server/store/archive/database.js';
import type { ArchiveTables } from '../../server/store/archive/tables.js';
import type { LiveStore } from '../../server/store/liveStore.js';

export interface ThreadRun {
  seconds: number;
  /** Busy time of the writing thread (receiving and writing), and of this one (parsing, folding, handing over; Redis's replies decoded outside it). */
  writerSeconds: number;
  readerSeconds: number;
}

export async function archiveWithWritingThread(o: { store: LiveStore; halls: Halls; hallId: string; db: ArchiveDb; file: string; batchSize: number; versionOf: (type: string) => number }): Promise<ThreadRun> {
  const { hallId } = o;
  await o.db.insertInto('archive_checkpoints').values({ hall_id: hallId, last_id: 0, last_at: 0, day_start_id: 0, purged_day: '', lost: 0, updated_at: Date.now() }).execute();
  const last = await o.store.lastEventId(hallId);
  const archive = new ArchiveStore(o.db);
  const dayOf = businessDays(o.halls.get(hallId)!);
  const worker = new Worker(new URL('./sqliteWriterThread.mjs', import.meta.url), { workerData: { file: o.file } });
  let written = 0;
  let acks = 0;
  let writerMs = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const nudge = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (m: { through?: number; busyMs?: number; error?: string }) => {
    acks++;
    if (m.error) failure = new Error(`writing thread: ${m.error}`);
    else ((written = m.through!), (writerMs = m.busyMs!));
    nudge();
  });
  worker.on('error', (err) => ((failure ??= err), nudge()));
  worker.on('exit', (code) => ((failure ??= new Error(`writing thread exited (${code})`)), nudge()));
  const waitFor = async (done: () => boolean) => {
    while (!done() && !failure) await new Promise<void>((ok) => (wake = ok));
    if (failure) throw failure;
  };
  let pending: ReturnType<LiveStore['streamAfter']> | undefined;
  try {
    await new Promise((ok, fail) => (worker.once('online', ok), worker.once('error', fail)));
    const started = performance.now();
    let readerMs = 0;
    let sent = 0;
    let previous: Prepared | undefined;
    let after = 0;
    pending = o.store.streamAfter(hallId, 0, o.batchSize);
    while (after < last) {
      const raw = await pending!;
      const t = performance.now();
      const entries = streamEntries(raw);
      const through = entries.at(-1)!.event.id;
      if (through < last) pending = o.store.streamAfter(hallId, through, o.batchSize);
      const p = await archive.prepare({ hallId, afterId: after, through, entries, missing: 0, versionOf: o.versionOf, dayOf, now: Date.now() }, previous);
      const statements = (batchWrites(p) as BulkWrite<keyof ArchiveTables>[])
        .filter((w) => w.rows.length > 0)
        .map((w) => {
          const { text, columns } = sqliteInsert(w);
          return { text, rows: w.rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])) };
        });
      const buffer = serialize({ hallId, afterId: after, through, lastAt: entries.at(-1)!.event.at, statements });
      readerMs += performance.now() - t;
      await waitFor(() => sent - acks < 2);
      worker.postMessage(buffer, [buffer.buffer as ArrayBuffer]);
      sent++;
      previous = p;
      after = through;
    }
    await waitFor(() => written >= last);
    return { seconds: (performance.now() - started) / 1000, writerSeconds: writerMs / 1000, readerSeconds: readerMs / 1000 };
  } finally {
    await pending?.catch(() => undefined); // a read started for a batch never written
    await worker.terminate();
  }
}
