/**
 * Many rows in one go, the way each database takes them fastest. PostgreSQL: one statement whose
 * one parameter is the rows as JSON (jsonb_populate_recordset), so a batch costs one round trip
 * and no statement of thousands of parameters is built, bound and planned. SQLite runs in this
 * process: one prepared statement, kept, run once per row inside the open transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { ArchiveTables } from './tables.js';

type Table = keyof ArchiveTables;
type Db = Kysely<ArchiveTables> | Transaction<ArchiveTables>;

export interface BulkWrite<T extends Table> {
  table: T;
  rows: ArchiveTables[T][];
  /** The primary key's columns. */
  key: (keyof ArchiveTables[T] & string)[];
  /** On a key already there: keep it ('nothing'), or overwrite these columns. */
  onConflict: 'nothing' | (keyof ArchiveTables[T] & string)[];
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function conflictClause(key: string[], onConflict: 'nothing' | string[]): string {
  const target = key.map(quote).join(', ');
  return onConflict === 'nothing'
    ? `on conflict (${target}) do nothing`
    : `on conflict (${target}) do update set ${onConflict.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ')}`;
}

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function prepared(handle: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = statements.get(handle);
  if (!cache) statements.set(handle, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = handle.prepare(text)));
  return statement;
}

/** SQLite: the statement bulkWrite runs once per row, its values in the order of `columns`. */
export function sqliteInsert<T extends Table>(w: BulkWrite<T>): { text: string; columns: string[] } {
  const columns = Object.keys(w.rows[0]!);
  const text = `insert into ${quote(w.table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')}) ${conflictClause(w.key, w.onConflict)}`;
  return { text, columns };
}

/**
 * Write the rows. `sqlite`: the archive's better-sqlite3 handle (database.ts sqliteHandle), whose
 * connection holds the transaction `db` is in; absent for PostgreSQL.
 */
export async function bulkWrite<T extends Table>(db: Db, w: BulkWrite<T>, sqlite?: BetterSqlite3.Database): Promise<void> {
  if (w.rows.length === 0) return;
  if (sqlite) {
    const { text, columns } = sqliteInsert(w);
    const statement = prepared(sqlite, text);
    // Positional values: binding by name looks every column up in every row.
    const values: unknown[] = new Array(columns.length);
    for (const row of w.rows) {
      const r = row as Record<string, unknown>;
      for (let i = 0; i < columns.length; i++) values[i] = r[columns[i]!];
      statement.run(values);
    }
    return;
  }
  await pgInsert(w).execute(db);
}

/** PostgreSQL: the INSERT of bulkWrite, only where `guard` (a condition) holds when given. */
function pgInsert<T extends Table>(w: BulkWrite<T>, guard?: RawBuilder<unknown>): RawBuilder<unknown> {
  const cols = Object.keys(w.rows[0]!).map(quote).join(', ');
  return sql`insert into ${sql.table(w.table)} (${sql.raw(cols)})
    select ${sql.raw(cols)} from jsonb_populate_recordset(null::${sql.table(w.table)}, ${JSON.stringify(w.rows)}::jsonb)
    ${guard ? sql`where ${guard}` : sql``}
    ${sql.raw(conflictClause(w.key, w.onConflict))}`;
}

/**
 * PostgreSQL: a compare-and-set and the writes it guards as one statement (data-modifying CTEs),
 * so a batch costs one round trip and no transaction of several: `guard` is an UPDATE … RETURNING
 * that names the row it moved; the writes happen only if it moved one, all or none. True if it did.
 */
export async function pgGuardedWrite(db: Db, guard: RawBuilder<unknown>, writes: BulkWrite<Table>[]): Promise<boolean> {
  const parts = [sql`with guard as (${guard})`];
  for (const [i, w] of writes.entries()) {
    if (w.rows.length > 0) parts.push(sql`, ${sql.raw(`w${i}`)} as (${pgInsert(w, sql`exists (select 1 from guard)`)})`);
  }
  const { rows } = await sql<{ moved: number }>`${sql.join(parts, sql``)} select count(*)::int as moved from guard`.execute(db);
  return rows[0]?.moved === 1;
}
