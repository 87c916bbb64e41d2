/**
 * The SQLite archive's reading thread (server/store/archive/sqliteReader.ts): it reads what the
 * archive's own connection reads, fails a bad query with a clear error and goes on, follows a
 * file replaced at the same path, and a thread stopped mid-query fails that query and is started
 * again by the next. A real SQLite file in a temp folder of this test's own.
 */
import { rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, sqliteHandle } from '../../server/store/archive/database.js';
import { readRows, stopReadingThreads } from '../../server/store/archive/sqliteReader.js';
import { testArchive, type TestArchive } from '../helpers/archive.js';

describe('the SQLite archive reading threads', () => {
  let archive: TestArchive;
  beforeAll(async () => {
    archive = await testArchive('sqlite', 'sqlite_reader');
    await sql`create table sample (n integer primary key, label text)`.execute(archive.db);
    await sql`insert into sample (n, label) values (1, '一'), (2, '二'), (3, '三')`.execute(archive.db);
  });
  afterAll(async () => {
    await stopReadingThreads();
    await archive?.cleanup();
  });

  it('reads the committed rows, as the connection does', async () => {
    const query = sql<{ n: number; label: string }>`select n, label from sample where n >= ${2} order by n`.compile(archive.db);
    expect(await readRows(archive.db, query)).toEqual([{ n: 2, label: '二' }, { n: 3, label: '三' }]);
    expect((await archive.db.executeQuery(query)).rows).toEqual([{ n: 2, label: '二' }, { n: 3, label: '三' }]);
  });

  it('fails a bad query with the database’s message and reads the next one', async () => {
    await expect(readRows(archive.db, sql`select x from nowhere`.compile(archive.db))).rejects.toThrow(/archive read: no such table: nowhere/);
    expect(await readRows(archive.db, sql<{ c: number }>`select count(*) as c from sample`.compile(archive.db))).toEqual([{ c: 3 }]);
  });

  it('reads a file replaced at the same path, not the one it had open', async () => {
    const file = (archive.location as { file: string }).file;
    const count = sql<{ c: number }>`select count(*) as c from sample`.compile(archive.db);
    expect(await readRows(archive.db, count)).toEqual([{ c: 3 }]);
    // Another archive file put in its place (a restore from a backup, say).
    const other = `${file}.new`;
    const db = new BetterSqlite3(other);
    db.exec(`create table sample (n integer primary key, label text); insert into sample (n, label) values (9, '九');`);
    db.close();
    await archive.close();
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    const { renameSync } = await import('node:fs');
    renameSync(other, file);
    const reopened = await openArchive(archive.location);
    try {
      expect(sqliteHandle(reopened.db)?.name).toBe(file);
      expect(await readRows(reopened.db, count)).toEqual([{ c: 1 }]);
    } finally {
      await reopened.close();
    }
  });

  it('fails the query of a thread stopped under it, and starts others for the next', async () => {
    const reopened = await openArchive(archive.location);
    try {
      // A query that counts to three million: long enough to be stopped in the middle.
      const slow = readRows(reopened.db, sql`with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000000) select count(*) as n from c`.compile(reopened.db));
      await new Promise((r) => setTimeout(r, 50));
      await stopReadingThreads();
      await expect(slow).rejects.toThrow(/reading thread exited/);
      expect(await readRows(reopened.db, sql<{ n: number }>`select n from sample`.compile(reopened.db))).toEqual([{ n: 9 }]);
    } finally {
      await reopened.close();
    }
  });
});
