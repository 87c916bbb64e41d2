/**
 * A hub process: HTTP API, socket.io, the event relay and the business-day jobs over one Redis.
 * Hubs keep no state of their own: several can share a Redis and serve the same halls.
 */
import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import type { Worker } from 'bullmq';
import express from 'express';
import { Server } from 'socket.io';
import { TokenStore } from './auth/tokens.js';
import { Halls, initHalls, type CommandContext, type WiredContext } from './commands/context.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './domain/time.js';
import { createApi } from './http/api.js';
import { expressServer } from './http/expressServer.js';
import { kioskRoutes, trackerRedirect } from './http/routes/kiosks.js';
import { businessDayQueue, businessDayWorker, scheduleBusinessDays } from './jobs/businessDayQueue.js';
import { Printing, type PrintingOptions } from './printing.js';
import { PrintLedger } from './store/printLedger.js';
import { EventRelay } from './realtime/eventRelay.js';
import { attachRealtime, hallRoom, type HubServer } from './realtime/socketHub.js';
import { eventVersion } from './events.js';
import { historyRoutes } from './http/routes/history.js';
import { attendanceRoutes } from './http/routes/attendance.js';
import { adminRoutes } from './http/routes/admin.js';
import { ConfigSync } from './configSync.js';
import { ConfigStore } from './store/archive/configStore.js';
import { LeaveStore } from './store/archive/leaveStore.js';
import { AttendanceAlerts } from './jobs/alerts.js';
import { Archiver, type ArchiverOptions } from './jobs/archiver.js';
import { RedisRecovery } from './jobs/redisRecovery.js';
import { ArchiveStore } from './store/archive/archiveStore.js';
import { openArchive, type ArchiveLocation, type OpenArchive } from './store/archive/database.js';
import { ArchiveHistory } from './store/archive/history.js';
import { HallStore } from './store/hallStore.js';
import { WaitEstimates } from './waitEstimates.js';
import { bullPrefix, socketAdapterKey } from './store/keys.js';
import { bullConnection, connectRedis, duplicateClient, isCluster, type RedisClient, type RedisTarget } from './store/redisClient.js';
import type { DeclaredRoute } from './http/route.js';
import { DeskDays } from './deskDays.js';
import { deskRoutes } from './http/routes/desk.js';
import { opsRoutes } from './http/ops.js';
import { requestLog } from './http/requestLog.js';
import { asError, component } from './log.js';
import { adapterSubscriber } from './realtime/adapterClient.js';
import { hubMetrics, instruments } from './metrics.js';
import { Readiness } from './readiness.js';
import { ensureScriptsLoaded } from './store/scripts.js';
import { sql } from 'kysely';
import type { EvaluationContext, MonthEvaluator } from './commands/evaluation/evaluationContext.js';
import { evaluationRoutes } from './http/routes/evaluation.js';
import { catchUpMonthEnds, evaluationQueue, evaluationWorker, scheduleMonthEnds } from './jobs/evaluationQueue.js';
import { hallsUnderRoutes } from './http/routes/hallsUnder.js';
import { archivedAnyIn, EvaluationStore } from './store/archive/evaluationStore.js';
import { ArchiveRecordFinder, combinedFinder, type RecordFinder } from './store/archive/recordFinder.js';
import { CaseworkFinder } from './store/archive/caseworkFinder.js';
import { monthEvaluator } from './evaluationData.js';
import { casework, type Casework } from './casework.js';
import { compactHeap } from './heap.js';

export interface HubOptions {
  config: Config;
  /** A redis:// URL, or a cluster's nodes as redis-cluster://host:port,… (server/store/redisClient.ts). */
  redisUrl: RedisTarget;
  keyPrefix?: string;
  port?: number;
  host?: string;
  clock?: Clock;
  /** Built screens and counters (vite build output); served when present. */
  staticDir?: string;
  /** Run the business-day jobs in this hub (any number of hubs may; each job runs once). */
  jobs?: boolean;
  /**
   * One memory-reducing full collection just before listening (server/heap.ts): without it the
   * start's burst of loading modules leaves V8's heap limit at 4× the live heap. The production
   * entry (server/main.ts) and bench:fanout ask for it; tests leave it off (it would collect the
   * whole test worker's heap at each start).
   */
  compactHeap?: boolean;
  /** Login attempts per address and 工号 in 15 minutes (default 10). */
  loginLimit?: number;
  /** Login attempts per address in 15 minutes, whatever the usernames (default 20 × loginLimit). */
  loginLimitPerAddress?: number;
  /** Proxies whose X-Forwarded-For names the client (express "trust proxy"); default loopback. */
  trustProxy?: string;
  /** Where citizens' phones reach the hub (the QR code on a ticket); default: this hub's own address. */
  publicUrl?: string;
  /** Kiosk ticket printing (server/printing.ts); printers come from the hall configuration's kiosks. */
  printing?: PrintingOptions;
  /** The SQL archive (SQLite file or PostgreSQL). Without one the hub keeps no history and cannot rebuild. */
  archive?: ArchiveLocation;
  /** Run an archiver in this hub (default: as `jobs`); any number of hubs may, one archives at a time. */
  archiver?: boolean;
  /** Archiver tuning (tests shorten the lease). */
  archiverOptions?: Pick<ArchiverOptions, 'batchSize' | 'intervalMs' | 'leaseMs' | 'share'>;
  /** The bearer token GET /metrics wants; without one only this machine may scrape (http/ops.ts). */
  metricsToken?: string;
  /** The monthly evaluation (needs the archive): tests may replace how a month is computed and add where records are found. */
  evaluation?: {
    /** Default: monthEvaluator (server/evaluationData.ts) over the archive and the casework. */
    evaluate?: MonthEvaluator;
    /** The casework's records (cases, inspections, complaints, commendations) for the drill-down. */
    records?: RecordFinder;
    /** How long the month-end job waits for the archiver before looking again (default 60 s). */
    retryMs?: number;
  };
  /** Where evidence photos are kept (default data/evidence; YC_EVIDENCE_DIR). Only with an archive. */
  evidenceDir?: string;
}

export interface Hub {
  url: string;
  port: number;
  ctx: WiredContext;
  tokens: TokenStore;
  io: HubServer;
  /** Snapshot reads this hub made from Redis (each shared by the clients that connected meanwhile). */
  snapshotReads(): number;
  /** The HTTP routes as declared (paths, response schemas): tests check every response against them. */
  routes: DeclaredRoute[];
  http: HttpServer;
  archive?: OpenArchive;
  archiver?: Archiver;
  /** What /readyz reports (Redis, SQL, scripts; not ready once draining). */
  readiness: Readiness;
  /**
   * SIGTERM's way out: /readyz answers 503 (for `drainMs`, so the balancer notices), the listener
   * closes, requests in flight finish, then close(): screens are disconnected (they reconnect to
   * another hub), workers finish their jobs, the archiver releases its lease, connections close.
   */
  shutdown(options?: { drainMs?: number }): Promise<{ inFlightAtClose: number }>;
  /** 差评 cases, inspections, complaints, commendations (with an archive). */
  casework?: Casework;
  /** With an archive: the checks of halls against it after Redis may have lost writes (a failover). */
  recovery?: RedisRecovery;
  close(): Promise<void>;
}

const redisLog = component('redis');
const archiveLog = component('archive');

/** Say once when a Redis connection is lost and once when it is back (ioredis retries meanwhile); count every error. */
function watchConnection(connection: RedisClient, role: string, onBack?: () => void): void {
  let down = false;
  connection.on('error', (err: Error) => {
    instruments.redisErrors.inc({ source: `connection:${role}` });
    if (down) return;
    down = true;
    redisLog.error({ role, err: asError(err) }, `Redis ${role} connection lost; retrying`);
  });
  connection.on('ready', () => {
    if (!down) return;
    down = false;
    redisLog.info({ role }, `Redis ${role} connection back`);
    onBack?.();
  });
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const keyPrefix = options.keyPrefix ?? 'yc:';
  const redis = connectRedis(options.redisUrl, { maxRetriesPerRequest: 3 });
  // No ready check on the subscriber: after a reconnect ioredis may resubscribe before its INFO
  // check, which Redis then refuses in subscriber mode, and 'ready' (the relay's cue to catch
  // up) would never come.
  const subscriber = duplicateClient(redis, { enableReadyCheck: false });
  const adapterPub = duplicateClient(redis);
  const adapterSub = duplicateClient(redis);
  // BullMQ's connection (its own on one server; on a cluster, a Cluster its queues and workers share).
  const bull = bullConnection(options.redisUrl);

  for (const [c, role] of [[subscriber, 'events'], [adapterPub, 'adapter'], [adapterSub, 'adapter']] as const) watchConnection(c, role);
  const ctx: WiredContext = { store: new HallStore(redis, keyPrefix), halls: new Halls(options.config), clock: options.clock ?? systemClock };
  const tokens = new TokenStore(redis, keyPrefix);
  await tokens.renameUntaggedKeys();
  const archive = options.archive ? await openArchive(options.archive) : undefined;
  let archiver: Archiver | undefined;
  let recovery: RedisRecovery | undefined;
  if (archive) {
    // A Redis that lost a hall's day (flushed, replaced, an old backup) gets it back before anyone reads it.
    const archiveStore = new ArchiveStore(archive.db);
    recovery = new RedisRecovery({ ctx, archive: archiveStore, db: archive.db, log: (message) => archiveLog.warn(message) });
    for (const hall of ctx.halls.all()) await recovery.checkHall(hall.id, 'hub start');
    archiver = new Archiver({
      redis, keyPrefix, store: ctx.store, archive: archiveStore, halls: ctx.halls, clock: ctx.clock,
      versionOf: eventVersion,
      ...options.archiverOptions,
      // The same check as a failover's: one rebuild at a time per hall, and every one recorded.
      onRedisBehind: (hallId) => recovery!.checkHall(hallId, 'the archiver found Redis behind the archive'),
      log: (message) => archiveLog.warn(message),
    });
  }
  // Redis may have lost its latest writes when a cluster node leaves (a master failed over to a
  // replica that lacked them) or a single Redis comes back: every hall is checked against the
  // archive before anything is written to it again (server/jobs/redisRecovery.ts).
  watchConnection(redis, 'commands', () => recovery?.recheckAll('Redis reconnected'));
  if (isCluster(redis)) redis.on('-node', (node: { options?: { host?: string; port?: number } }) => recovery?.recheckAll(`Redis Cluster node ${node.options?.host}:${node.options?.port} left`));
  // An admin's edits outlive a restart and reach every hub (the archive keeps them).
  let screens: HubServer | undefined; // the socket.io server, once it exists
  const configSubscriber = archive ? duplicateClient(redis, { enableReadyCheck: false }) : undefined;
  if (configSubscriber) watchConnection(configSubscriber, 'config');
  const configSync = archive && configSubscriber
    ? new ConfigSync({
        ctx, configs: new ConfigStore(archive.db), subscriber: configSubscriber, publisher: redis, channel: `${keyPrefix}config`,
        onApplied: (hallId, revision) => screens?.to(hallRoom(hallId)).emit('config', { hallId, revision }),
        log: (message) => component('config').warn(message),
      })
    : undefined;
  await configSync?.start();
  await initHalls(ctx);
  // Every script read and loaded now: a script missing from the build or refused by Redis stops the start.
  await ensureScriptsLoaded(redis);

  const readiness = new Readiness({
    redis: async () => {
      if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
      await redis.ping();
    },
    ...(archive ? { sql: () => sql`select 1`.execute(archive.db) } : {}),
    scripts: async () => {
      if (redis.status !== 'ready') throw new Error('Redis is not connected');
      await ensureScriptsLoaded(redis);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog());
  // Requests being answered: shutdown() waits for them after the listener closes.
  let inFlight = 0;
  let settled: (() => void) | undefined;
  app.use((_req, res, next) => {
    inFlight++;
    res.on('close', () => {
      if (--inFlight === 0) settled?.();
    });
    next();
  });
  // Answers carry the hall's clock (ctx.clock: the system's, or a test's injected one), not the
  // machine's: terminals correct their own clock by it (counter/lib/http.ts), so a counter shows
  // the hub's day and month, as every command reckons them.
  app.use((_req, res, next) => {
    res.setHeader('Date', new Date(ctx.clock()).toUTCString());
    next();
  });
  app.set('trust proxy', options.trustProxy ?? 'loopback');
  let ownUrl = '';
  const estimates = new WaitEstimates(ctx);
  const leaveStore = archive ? new LeaveStore(archive.db) : undefined;
  // The casework keeps its records in the archive's database: only with an archive.
  const work = archive
    ? casework({ ctx, db: archive.db, evidenceDir: options.evidenceDir ?? 'data/evidence', jobs: options.jobs !== false ? { connection: bull.connection, prefix: bullPrefix(keyPrefix) } : undefined })
    : undefined;
  // The monthly evaluation keeps its frozen versions in the archive and computes a month from the
  // archive's facts, attendance and the casework's records; it waits for the archiver to hold the
  // whole month.
  const evaluationStore = archive ? new EvaluationStore(archive.db) : undefined;
  const evaluate = options.evaluation?.evaluate ?? (archive ? monthEvaluator({ ctx, db: archive.db, leave: new LeaveStore(archive.db), ...(work ? { records: work.records } : {}) }) : undefined);
  const evaluationCtx: EvaluationContext | undefined = evaluationStore && evaluate && archiver
    ? { halls: ctx.halls, clock: ctx.clock, store: evaluationStore, evaluate, archivedPast: (hallId, t) => archiver.archivedPast(hallId, t) }
    : undefined;
  const printing = new Printing(
    { ctx, ledger: new PrintLedger(redis, keyPrefix), redisUrl: options.redisUrl, keyPrefix, publicUrl: () => options.publicUrl ?? ownUrl, announce: (hallId, printer) => io.to(hallRoom(hallId)).emit('printer', printer) },
    options.printing,
  );
  const api = createApi({
    ctx, tokens, loginLimit: options.loginLimit, loginLimitPerAddress: options.loginLimitPerAddress,
    extraRoutes: [
      kioskRoutes(printing),
      ...(archive && archiver ? [historyRoutes({ history: new ArchiveHistory(archive.db), lag: (hallId) => archiver.lag(hallId) })] : []),
      // Attendance reads the archive's duty intervals and keeps leave in SQL: only with an archive.
      ...(archive && leaveStore
        ? [attendanceRoutes({
            db: archive.db, leave: leaveStore,
            // A request made or decided: desks reload their list and the roster follows a decision at once.
            leaveChanged: (hallId, change) => {
              realtime.leaveChanged(hallId, change);
              void desk.refreshRoster(hallId).then((rows) => realtime.roster(hallId, rows, true)).catch(() => {});
            },
          })]
        : []),
      ...(archive && evaluationStore
        ? [evaluationRoutes({
            store: evaluationStore,
            records: combinedFinder(new ArchiveRecordFinder(archive.db), ...(work ? [new CaseworkFinder(work.ctx)] : []), ...(options.evaluation?.records ? [options.evaluation.records] : [])),
            ...(evaluationCtx ? { commands: { evaluate: evaluationCtx.evaluate, archivedPast: evaluationCtx.archivedPast } } : {}),
          })]
        : []),
      ...(archive && configSync
        ? [adminRoutes({ configs: new ConfigStore(archive.db), revisionOf: (hallId) => configSync.revisionOf(hallId), applied: (hallId, revision, config) => configSync.publish(hallId, revision, config) })]
        : []),
      ...(work?.routes ?? []),
      deskRoutes({ deviceRevoked: (deviceId) => realtime.dropDevice(deviceId) }),
      hallsUnderRoutes({ snapshot: (hallId) => desk.snapshot(hallId), ...(evaluationStore ? { evaluations: evaluationStore } : {}) }),
    ],
    ticketHooks: { issued: printing.issued, estimateWait: estimates.estimateWait },
    sessionEnded: (id, why) => realtime.endSession(id, why),
  });
  app.use('/api', api.router);
  app.get('/t/:ticketId', trackerRedirect);
  const metrics = hubMetrics({
    sockets: () => {
      const counts = new Map<string, number>();
      for (const socket of io.of('/').sockets.values()) counts.set(socket.data.scope.kind, (counts.get(socket.data.scope.kind) ?? 0) + 1);
      return counts;
    },
    halls: () => ctx.halls.all().map((h) => ({ id: h.id, services: h.serviceIds(), classes: h.classes, windowIds: h.windowIds() })),
    queueHeads: (h) => ctx.store.queueHeads(h.id, h),
    now: () => ctx.clock(),
    ...(archiver ? { archiveLag: (hallId: string) => archiver!.lag(hallId) } : {}),
  });
  opsRoutes(app, { readiness, metrics, metricsToken: options.metricsToken });
  const staticDir = resolve(options.staticDir ?? 'dist');
  // The front page (desk/index.html): what this hub serves and a way in for each role.
  // The inspector's phone page under a short address (the front page's link, where an inspector's login goes).
  app.get(['/inspect', '/inspect/'], (req, res) => res.redirect(302, `/counter/inspect.html${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`));
  app.get('/', (_req, res, next) => (existsSync(resolve(staticDir, 'desk/index.html')) ? res.sendFile(resolve(staticDir, 'desk/index.html')) : next()));
  if (existsSync(staticDir)) app.use(express.static(staticDir, { extensions: ['html'] }));

  const http = expressServer(app);
  const io: HubServer = new Server(http, {
    // Small, bounded messages: a screen never needs to send more than a resync request.
    maxHttpBufferSize: 16 * 1024,
    // A dead hub or cable is noticed within ~10 s (default 45 s): screens must show 离线 soon.
    pingInterval: 5000,
    pingTimeout: 5000,
    // Events reach other hubs through the relay (ordered, gap-checked); the adapter carries what
    // does not come from the event log (fetchSockets, room broadcasts between hubs). Sharded
    // pub/sub like the events (Redis ≥ 7, one server or a cluster); one channel for all rooms: its
    // traffic is a printer's status now and then, not worth a subscription per room.
    adapter: createShardedAdapter(
      adapterPub,
      adapterSubscriber(adapterSub, (command, err) => {
        instruments.redisErrors.inc({ source: 'connection:adapter' });
        redisLog.warn({ command, err: asError(err) }, 'socket.io adapter: a subscription command failed');
      }),
      { channelPrefix: socketAdapterKey(keyPrefix), subscriptionMode: 'static' },
    ),
    cors: { origin: true },
  });
  screens = io;
  const desk = new DeskDays({ ctx, ...(leaveStore ? { leave: leaveStore } : {}), printers: (hallId) => printing.printers(hallId), rosterChanged: (hallId, rows) => realtime.roster(hallId, rows) });
  const realtime = attachRealtime(io, { ctx, tokens, delivered: (hallId) => relay.position(hallId), deskSnapshot: (hallId) => desk.snapshot(hallId) });
  // Attendance alerts run with the jobs: delayed BullMQ jobs, fed by the events the relay delivers.
  const alerts = options.jobs !== false
    ? new AttendanceAlerts({ ctx, connection: bull.connection, prefix: bullPrefix(keyPrefix), ...(archive ? { leave: new LeaveStore(archive.db) } : {}) })
    : undefined;
  const relay = new EventRelay(ctx.store, subscriber, ctx.halls.all().map((h) => h.id), {
    deliver: (event) => {
      realtime.deliver(event);
      instruments.eventsRelayed.inc({ hall: event.hallId });
      if (event.type === 'ticket.called') instruments.callToEmit.observe(Math.max(0, ctx.clock() - event.at) / 1000);
      estimates.observe(event);
      desk.observe(event);
      alerts?.observe(event).catch((err: unknown) => component('alerts').error({ hallId: event.hallId, eventId: event.id, err: asError(err) }, 'alerts: an event could not be observed'));
      work?.observe(event);
    },
    // Redis behind what this hub forwarded: first bring it back from the archive, if that can.
    ...(recovery ? { beforeReset: (hallId: string) => recovery.checkHall(hallId, 'the event counter went back') } : {}),
    onReset: (hallId) => {
      void realtime.reset(hallId);
      estimates.reset(hallId);
      desk.reset(hallId);
    },
  });
  await relay.start();
  // After the relay: what it delivers during priming waits, and only events past the snapshot apply.
  // The two read the hall's log apart, each folding it for itself: side by side, a restart waits
  // on Redis for both at once.
  await Promise.all([estimates.start(), desk.start()]);

  let worker: Worker | undefined;
  let queue: ReturnType<typeof businessDayQueue> | undefined;
  let monthWorker: Worker | undefined;
  let monthQueue: ReturnType<typeof evaluationQueue> | undefined;
  if (options.jobs !== false) {
    const { connection } = bull;
    queue = businessDayQueue(connection, bullPrefix(keyPrefix));
    await scheduleBusinessDays(queue, ctx);
    worker = businessDayWorker(ctx, connection, bullPrefix(keyPrefix));
    await alerts?.start();
    if (evaluationCtx && archive) {
      monthQueue = evaluationQueue(connection, bullPrefix(keyPrefix));
      await scheduleMonthEnds(monthQueue, evaluationCtx);
      await catchUpMonthEnds(monthQueue, evaluationCtx, (hallId, month) => archivedAnyIn(archive.db, hallId, month));
      monthWorker = evaluationWorker(evaluationCtx, connection, bullPrefix(keyPrefix), { retryMs: options.evaluation?.retryMs, log: (m) => component('evaluation').warn(m) });
    }
  }
  await work?.start();

  if (archiver && (options.archiver ?? options.jobs !== false)) archiver.start();

  if (options.compactHeap && !(await compactHeap())) component('heap').warn('could not compact the heap before listening (no inspector in this node?): it runs with what loading left');
  await new Promise<void>((ok) => http.listen(options.port ?? 0, options.host ?? '127.0.0.1', ok));
  const port = (http.address() as AddressInfo).port;
  ownUrl = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      readiness.drain();
      await archiver?.stop();
      await relay.stop();
      desk.stop();
      await printing.close();
      // Closes every socket's transport: clients see "transport close" and reconnect by themselves
      // (behind a balancer, to another hub); then the HTTP server, if still open.
      await new Promise<void>((ok) => io.close(() => ok()));
      await alerts?.close();
      await work?.close();
      // A worker's close waits for the jobs it is running.
      await worker?.close();
      await queue?.close();
      await monthWorker?.close();
      await monthQueue?.close();
      await bull.close();
      configSync?.close();
      for (const c of [subscriber, adapterPub, adapterSub, redis]) c.disconnect();
      await archive?.close();
    })());

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    ctx,
    tokens,
    io,
    routes: api.routes,
    snapshotReads: () => realtime.snapshotReads(),
    http,
    archive,
    archiver,
    readiness,
    async shutdown({ drainMs = 0 } = {}) {
      readiness.drain();
      if (drainMs > 0) await new Promise((ok) => setTimeout(ok, drainMs));
      // Stop accepting; idle keep-alive connections go now, busy ones after their answer.
      http.close();
      http.closeIdleConnections();
      const inFlightAtClose = inFlight;
      if (inFlight > 0) await new Promise<void>((ok) => (settled = ok));
      await close();
      return { inFlightAtClose };
    },
    casework: work,
    recovery,
    close,
  };
}
