import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openArchive, type ArchiveLocation, type OpenArchive } from '../../server/store/archive/database.js';

/** The local PostgreSQL every machine of this project runs (trust auth, database `test`). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type ArchiveKind = 'sqlite' | 'postgres';
export const archiveKinds: ArchiveKind[] = ['sqlite', 'postgres'];

export interface TestArchive extends OpenArchive {
  location: ArchiveLocation;
  cleanup(): Promise<void>;
}

/**
 * An archive owned by one test file: a SQLite file in its own temp folder, or its own PostgreSQL
 * schema. `cleanup()` removes it, so files run in parallel and no leftover makes a test pass.
 */
export async function testArchive(kind: ArchiveKind, label: string, onIdleError?: (err: Error) => void): Promise<TestArchive> {
  const tag = `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  let location: ArchiveLocation;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `yc-archive-${tag}-`));
    location = { kind: 'sqlite', file: join(dir, 'archive.db') };
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `yc_test_${tag}`;
    location = { kind: 'postgres', url: TEST_DATABASE_URL, schema };
    drop = async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    };
  }
  const opened = await openArchive(location, onIdleError);
  return {
    ...opened,
    location,
    async cleanup() {
      await opened.close().catch(() => undefined);
      await drop();
    },
  };
}
