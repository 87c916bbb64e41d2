// The SQLite archive's reading thread (server/store/archive/sqliteReader.ts): runs read-only
// queries compiled in the main thread on its own connection to the archive file, so a long
// aggregate (a month of a hall) runs beside the main thread's work instead of blocking it.
// Plain JavaScript: it is started as is by tsx, vitest and the compiled hub alike.
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

/** file → { inode, database, statements }: a file replaced at the same path is opened again. */
const open = new Map();

function connection(file) {
  const inode = statSync(file).ino;
  let c = open.get(file);
  if (c && c.inode !== inode) {
    c.database.close();
    c = undefined;
  }
  if (!c) {
    const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    database.pragma('busy_timeout = 5000');
    c = { inode, database, statements: new Map() };
    open.set(file, c);
  }
  return c;
}

parentPort.on('message', ({ id, file, sql, parameters }) => {
  try {
    const c = connection(file);
    let statement = c.statements.get(sql);
    if (!statement) {
      if (c.statements.size >= 32) c.statements.clear();
      c.statements.set(sql, (statement = c.database.prepare(sql)));
    }
    parentPort.postMessage({ id, rows: statement.all(parameters) });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
