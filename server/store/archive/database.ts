/**
 * Opens the archive: SQLite in a file by default (nothing to install), PostgreSQL when a URL names
 * one — the same Kysely queries for both — and applies pending migrations.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations.js';
import type { ArchiveTables } from './tables.js';

export type ArchiveDb = Kysely<ArchiveTables>;

// The better-sqlite3 handle behind a SQLite archive: bulk writes run its prepared statements
// directly (in-process, so a statement per row costs less than one large statement), inside the
// transaction Kysely opened on the same connection.
const sqliteHandles = new WeakMap<ArchiveDb, BetterSqlite3.Database>();
export const sqliteHandle = (db: ArchiveDb): BetterSqlite3.Database | undefined => sqliteHandles.get(db);

export type ArchiveLocation =
  /** A SQLite file (created with its folder when missing). */
  | { kind: 'sqlite'; file: string }
  /** A PostgreSQL database; `schema` puts every table in that schema (created when missing). */
  | { kind: 'postgres'; url: string; schema?: string };

export interface OpenArchive {
  db: ArchiveDb;
  kind: ArchiveLocation['kind'];
  close(): Promise<void>;
}

/** DATABASE_URL when set, else the SQLite file. */
export function archiveLocation(databaseUrl: string | undefined, sqliteFile: string): ArchiveLocation {
  return databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: sqliteFile };
}

const INT8_OID = 20;
// Epoch ms and event ids are bigint columns; pg reads them as strings unless told otherwise. They
// stay far below 2^53.
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8_OID) return (v: string) => Number(v);
    return (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format) as never;
  },
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openArchive(location: ArchiveLocation): Promise<OpenArchive> {
  let db: ArchiveDb;
  let migrationTableSchema: string | undefined;
  if (location.kind === 'sqlite') {
    if (location.file !== ':memory:') mkdirSync(dirname(location.file), { recursive: true });
    const database = new BetterSqlite3(location.file);
    // WAL: the history API reads while the archiver writes; busy_timeout: another process holding
    // the write lock (a second hub's archiver taking over) is waited for, not an error.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    db = new Kysely<ArchiveTables>({ dialect: new SqliteDialect({ database }) });
    sqliteHandles.set(db, database);
  } else {
    const schema = location.schema;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`bad PostgreSQL schema name: ${schema}`);
    const pool = new pg.Pool({
      connectionString: location.url,
      max: 5,
      types,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    db = new Kysely<ArchiveTables>({ dialect: new PostgresDialect({ pool }) });
    if (schema) {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
      // The migrator looks for its table in every schema unless told which one.
      migrationTableSchema = schema;
    }
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`archive migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { db, kind: location.kind, close: () => db.destroy() };
}
