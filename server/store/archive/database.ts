/**
 * Opens the archive: SQLite in a file by default (nothing to install), PostgreSQL when a URL names
 * one — the same Kysely queries for both — and applies pending migrations. Each driver is loaded
 * when an archive of its kind is opened: a hub carries one of the two, not both.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type LogEvent, type Migration } from 'kysely';
import { component } from '../../log.js';
import { instruments } from '../../metrics.js';
import type pg from 'pg';
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
const typesOf = (driver: typeof pg) => ({
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8_OID) return (v: string) => Number(v);
    return (driver.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format) as never;
  },
});

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// Every query that fails counts (yc_sql_errors_total); who ran it says what it means.
const countErrors = (event: LogEvent): void => {
  if (event.level === 'error') instruments.sqlErrors.inc();
};

let lastIdleError = '';
function sayOnce(err: Error): void {
  if (err.message === lastIdleError) return;
  lastIdleError = err.message;
  component('archive').warn({ err }, 'PostgreSQL dropped an idle connection; the next query opens another');
}

export async function openArchive(
  location: ArchiveLocation,
  /** A PostgreSQL connection was lost outside a query (said once per message in a row). */
  onIdleError: (err: Error) => void = sayOnce,
  /** The migrations to apply (tests: a set as an older or a differently merged build had it). */
  migrationSet: Record<string, Migration> = migrations,
): Promise<OpenArchive> {
  let db: ArchiveDb;
  let migrationTableSchema: string | undefined;
  if (location.kind === 'sqlite') {
    if (location.file !== ':memory:') mkdirSync(dirname(location.file), { recursive: true });
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const database = new BetterSqlite3(location.file);
    // WAL: the history API reads while the archiver writes; busy_timeout: another process holding
    // the write lock (a second hub's archiver taking over) is waited for, not an error.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    db = new Kysely<ArchiveTables>({ dialect: new SqliteDialect({ database }), log: countErrors });
    sqliteHandles.set(db, database);
  } else {
    const schema = location.schema;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`bad PostgreSQL schema name: ${schema}`);
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: location.url,
      max: 5,
      types: typesOf(pg),
      // Names the archive's connections in pg_stat_activity (per schema, so a test can find its own).
      application_name: schema ? `yichuang-archive:${schema}` : 'yichuang-archive',
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle connection the server drops (a restart, pg_terminate_backend) errors on the pool
    // itself; unheard, that error would end the process. The pool replaces it on the next query.
    pool.on('error', (err) => (instruments.sqlErrors.inc(), onIdleError(err)));
    // The same for a connection lost while checked out between two queries of a transaction: its
    // next query fails (the transaction rolls back, the archiver retries) and the pool drops it.
    pool.on('connect', (client) => client.on('error', (err) => (instruments.sqlErrors.inc(), onIdleError(err))));
    db = new Kysely<ArchiveTables>({ dialect: new PostgresDialect({ pool }), log: countErrors });
    if (schema) {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
      // The migrator looks for its table in every schema unless told which one.
      migrationTableSchema = schema;
    }
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationSet },
    // Branches add migrations side by side; one merged after a later-named one already ran is
    // applied all the same (each migration creates only its own tables).
    allowUnorderedMigrations: true,
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
