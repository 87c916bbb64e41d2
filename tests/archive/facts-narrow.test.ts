/**
 * 0006_facts_narrow on an archive written before it: the view column goes, every fact keeps its
 * values and reads back with its view taken from its last event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveLocation, type OpenArchive } from '../../server/store/archive/database.js';
import { factFromJoined, selectFacts } from '../../server/store/archive/factReads.js';
import { migrations } from '../../server/store/archive/migrations.js';
import { archiveKinds, TEST_DATABASE_URL, testArchive } from '../helpers/archive.js';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0); // Monday 9:00 in Shanghai
// The ticket as event 7 showed it (hand-written), and the same ticket as an older event showed it.
const calledView = { id: 't1-20260302-A001', number: 'A001', serviceId: 'social', priority: 'normal', status: 'called', issuedAt: T0, recalls: 0, noShows: 0, transfers: 0, windowId: 't1-1', windowNumber: 1, staffId: 's1', calledAt: T0 + 60_000 };
const event7 = { id: 7, type: 'ticket.called', hallId: 't1', at: T0 + 60_000, ticket: calledView, window: { id: 't1-1', number: 1, state: 'serving', postA: 's1', onDuty: 's1', current: calledView.id } };
const staleView = { ...calledView, status: 'waiting', windowId: undefined };

describe.each(archiveKinds)('0006_facts_narrow on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** A place for an archive, and a Kysely on it with no migration applied. */
  async function place(): Promise<{ location: ArchiveLocation; db: Kysely<any>; migrationTableSchema?: string }> {
    const tag = `narrow_${randomBytes(4).toString('hex')}`;
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), `yc-archive-${tag}-`));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'archive.db');
      return { location: { kind: 'sqlite', file }, db: new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) }) };
    }
    const schema = `yc_test_${tag}`;
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, options: `-c search_path=${schema}` }) }) });
    await sql`create schema ${sql.id(schema)}`.execute(db);
    return { location: { kind: 'postgres', url: TEST_DATABASE_URL, schema }, db, migrationTableSchema: schema };
  }

  it('drops the view column and reads every fact back with the view of its last event', async () => {
    const { location, db, migrationTableSchema } = await place();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
    const before = await migrator.migrateTo('0005_config');
    expect(before.error).toBeUndefined();
    await db.insertInto('archive_events').values({ hall_id: 't1', id: 7, type: 'ticket.called', version: 1, at: event7.at, day: '20260302', payload: JSON.stringify(event7) }).execute();
    await db
      .insertInto('ticket_facts')
      .values({
        hall_id: 't1', ticket_id: calledView.id, day: '20260302', number: 'A001', service_at_issue: 'social', service: 'social', priority: 'normal',
        channel: 'kiosk', status: 'called', outcome: null, issued_at: T0, first_called_at: T0 + 60_000, last_called_at: T0 + 60_000, started_at: null,
        finished_at: null, cancelled_at: null, cancel_reason: null, wait_seconds: 60, handling_seconds: null, window_id: 't1-1', window_number: 1,
        staff_id: 's1', first_responder: 's1', recalls: 0, no_shows: 0, transfers: 0, transfer_path: '[]', rating_level: null, rating_reasons: null,
        rating_comment: null, rating_channel: null, rated_at: null, queued_at: null, view: JSON.stringify(staleView), track_token: 'tok', rate_token: null, last_event_id: 7,
      })
      .execute();
    await db.destroy();

    let archive: OpenArchive | undefined;
    cleanups.push(async () => archive?.close());
    archive = await openArchive(location);
    const columns = (await archive.db.introspection.getTables()).find((t) => t.name === 'ticket_facts')!.columns.map((c) => c.name);
    expect(columns).not.toContain('view');
    expect(columns).toContain('last_event_id');

    const [fact, ...more] = (await selectFacts(archive.db, 't1').execute()).map(factFromJoined);
    expect(more).toEqual([]);
    expect(fact).toEqual({
      hallId: 't1', ticketId: calledView.id, day: '20260302', number: 'A001', serviceAtIssue: 'social', service: 'social', priority: 'normal',
      channel: 'kiosk', status: 'called', issuedAt: T0, firstCalledAt: T0 + 60_000, lastCalledAt: T0 + 60_000, waitSeconds: 60,
      windowId: 't1-1', windowNumber: 1, staffId: 's1', firstResponder: 's1', recalls: 0, noShows: 0, transfers: 0, transferPath: [],
      trackToken: 'tok', lastEventId: 7,
      view: calledView, // event 7's ticket, not the stale copy the dropped column held
    });
  });

  it('says so when a fact’s last event is missing or carries no ticket, instead of leaving the ticket out', async () => {
    const a = await testArchive(kind, 'narrow');
    cleanups.push(() => a.cleanup());
    const fact = (ticketId: string, lastEventId: number) => ({
      hall_id: 't1', ticket_id: ticketId, day: '20260302', number: ticketId.slice(-4), service_at_issue: 'social', service: 'social', priority: 'normal',
      channel: null, status: 'waiting', outcome: null, issued_at: T0, first_called_at: null, last_called_at: null, started_at: null, finished_at: null,
      cancelled_at: null, cancel_reason: null, wait_seconds: null, handling_seconds: null, window_id: null, window_number: null, staff_id: null,
      first_responder: null, recalls: 0, no_shows: 0, transfers: 0, transfer_path: '[]', rating_level: null, rating_reasons: null, rating_comment: null,
      rating_channel: null, rated_at: null, queued_at: T0, track_token: null, rate_token: null, last_event_id: lastEventId,
    });
    await a.db.insertInto('ticket_facts').values(fact('t1-20260302-A002', 99)).execute();
    await expect(selectFacts(a.db, 't1').execute().then((rows) => rows.map(factFromJoined))).rejects.toThrow('ticket t1-20260302-A002: its last event 99 is not in the archive');

    await a.db.deleteFrom('ticket_facts').execute();
    const signedIn = { id: 3, type: 'staff.signedIn', hallId: 't1', at: T0, staffId: 's1', window: { id: 't1-1', number: 1, state: 'open', postA: 's1', onDuty: 's1' } };
    await a.db.insertInto('archive_events').values({ hall_id: 't1', id: 3, type: 'staff.signedIn', version: 1, at: T0, day: '20260302', payload: JSON.stringify(signedIn) }).execute();
    await a.db.insertInto('ticket_facts').values(fact('t1-20260302-A003', 3)).execute();
    await expect(selectFacts(a.db, 't1').execute().then((rows) => rows.map(factFromJoined))).rejects.toThrow('ticket t1-20260302-A003: its last event 3 carries no ticket');
  });
});
