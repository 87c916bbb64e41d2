// bench:archive's trial of a writing thread for the SQLite archive (bench/lib/writingThread.ts):
// each message is one batch, serialized — the checkpoint's compare-and-set and the archive's own
// statements with their rows — written here in one transaction on a connection of this thread's.
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const statements = new Map();
const statement = (text) => {
  let s = statements.get(text);
  if (!s) statements.set(text, (s = db.prepare(text)));
  return s;
};
const begin = db.prepare('begin immediate');
const commit = db.prepare('commit');
const rollback = db.prepare('rollback');
const cas = db.prepare('update archive_checkpoints set last_id = ?, last_at = ? where hall_id = ? and last_id = ?');
let busyMs = 0;

parentPort.on('message', (buffer) => {
  const started = performance.now();
  const batch = deserialize(buffer);
  begin.run();
  try {
    if (cas.run(batch.through, batch.lastAt, batch.hallId, batch.afterId).changes !== 1) throw new Error(`checkpoint moved from ${batch.afterId}`);
    for (const { text, rows } of batch.statements) {
      const s = statement(text);
      for (const values of rows) s.run(values);
    }
    commit.run();
  } catch (err) {
    rollback.run();
    parentPort.postMessage({ error: err.message });
    return;
  }
  busyMs += performance.now() - started;
  parentPort.postMessage({ through: batch.through, busyMs });
});
