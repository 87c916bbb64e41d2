/**
 * Prometheus metrics (prom-client), served at GET /metrics (http/ops.ts).
 *
 * Two kinds. Counters and histograms of what happens are process-wide (`instruments`): the store,
 * the archive and the jobs add to them where it happens, whichever hub object they belong to (in
 * production a process runs one hub). Gauges of what *is* — sockets, queue lengths, the longest
 * wait, the archive's lag — are read at scrape time from the hub's own objects (`hubMetrics`), so
 * nothing is kept up to date between scrapes and a scrape costs one Redis round trip per hall.
 *
 * Names (all prefixed yc_): see docs/operations.md for what each means and what to alert on.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'yc_' });

// Call-next round trips are a few milliseconds; a screen shows a call within ~100 ms.
const fastBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export const instruments = {
  eventsRelayed: new Counter({
    name: 'yc_events_relayed_total',
    help: 'Hall events this hub handed to its sockets (rate() gives events/s)',
    labelNames: ['hall'] as const,
    registers: [processRegistry],
  }),
  commandDuration: new Histogram({
    name: 'yc_command_duration_seconds',
    help: 'Duration of a hall operation (its Lua script round trip), by operation: call_next is 叫号',
    labelNames: ['operation'] as const,
    buckets: fastBuckets,
    registers: [processRegistry],
  }),
  callToEmit: new Histogram({
    name: 'yc_call_to_emit_seconds',
    help: 'From a call (ticket.called written in Redis, its event time) to this hub emitting it to its screens',
    buckets: fastBuckets,
    registers: [processRegistry],
  }),
  httpDuration: new Histogram({
    name: 'yc_http_request_duration_seconds',
    help: 'HTTP requests by route (the OpenAPI path), method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: fastBuckets,
    registers: [processRegistry],
  }),
  jobFailures: new Counter({
    name: 'yc_job_failures_total',
    help: 'BullMQ jobs that failed an attempt (a retried print counts each failed attempt)',
    labelNames: ['queue'] as const,
    registers: [processRegistry],
  }),
  redisErrors: new Counter({
    name: 'yc_redis_errors_total',
    help: 'Redis errors: a connection lost (by role) or a command that failed',
    labelNames: ['source'] as const,
    registers: [processRegistry],
  }),
  sqlErrors: new Counter({
    name: 'yc_sql_errors_total',
    help: 'Archive queries that failed, and connections the database dropped',
    registers: [processRegistry],
  }),
  archiveBatches: new Counter({
    name: 'yc_archive_batches_total',
    help: 'Batches of events the archiver committed to SQL',
    registers: [processRegistry],
  }),
};

/** What a hub lends the scrape: read when Prometheus asks, never kept up to date. */
export interface HubGauges {
  /** Connected sockets on this hub by scope kind (hall, window, ticket). */
  sockets(): Map<string, number>;
  halls(): { id: string; services: readonly string[]; classes: readonly string[]; windowIds: readonly string[] }[];
  queueHeads(hall: { id: string; services: readonly string[]; classes: readonly string[]; windowIds: readonly string[] }): Promise<{ waiting: Map<string, number>; oldestQueuedAt?: number }>;
  now(): number;
  /** The archiver's lag for a hall, when this hub has an archive. */
  archiveLag?: (hallId: string) => Promise<{ eventsBehind: number; secondsBehind: number }>;
}

/** A registry for one hub: the process-wide instruments and this hub's gauges, read at scrape. */
export function hubMetrics(g: HubGauges): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'yc_sockets_connected',
    help: 'Screens, counters and phones connected to this hub, by scope (hall, window, ticket)',
    labelNames: ['scope'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const counts = g.sockets();
      for (const scope of ['hall', 'window', 'ticket']) this.set({ scope }, counts.get(scope) ?? 0);
    },
  });
  // One pass over the halls fills both queue gauges: collect() of the first reads, the second uses it.
  let heads: Promise<{ hallId: string; waiting: Map<string, number>; oldestQueuedAt?: number }[]> | undefined;
  // Redis away: the scrape still answers (counters, sockets), without the queue gauges.
  const readHeads = () =>
    (heads ??= Promise.all(g.halls().map(async (h) => ({ hallId: h.id, ...(await g.queueHeads(h)) })))
      .catch(() => (instruments.redisErrors.inc({ source: 'scrape' }), []))
      .finally(() => setTimeout(() => (heads = undefined), 0)));
  new Gauge({
    name: 'yc_queue_waiting',
    help: 'Tickets waiting, by hall and service ("_window": transferred to a particular window)',
    labelNames: ['hall', 'service'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const h of await readHeads()) for (const [service, n] of h.waiting) this.set({ hall: h.hallId, service }, n);
    },
  });
  new Gauge({
    name: 'yc_queue_longest_wait_seconds',
    help: 'How long the longest-waiting ticket of the hall has been in its queue (0 when nobody waits)',
    labelNames: ['hall'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const now = g.now();
      for (const h of await readHeads()) this.set({ hall: h.hallId }, h.oldestQueuedAt === undefined ? 0 : Math.max(0, (now - h.oldestQueuedAt) / 1000));
    },
  });
  if (g.archiveLag) {
    const lagOf = g.archiveLag;
    let lags: Promise<{ hallId: string; eventsBehind: number; secondsBehind: number }[]> | undefined;
    const readLags = () =>
      (lags ??= Promise.all(g.halls().map(async (h) => ({ hallId: h.id, ...(await lagOf(h.id)) })))
        .catch(() => [])
        .finally(() => setTimeout(() => (lags = undefined), 0)));
    new Gauge({
      name: 'yc_archive_lag_events',
      help: 'Events in Redis the SQL archive does not hold yet, by hall',
      labelNames: ['hall'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const l of await readLags()) this.set({ hall: l.hallId }, l.eventsBehind);
      },
    });
    new Gauge({
      name: 'yc_archive_lag_seconds',
      help: 'Age of the oldest event not yet archived, by hall (0 when caught up)',
      labelNames: ['hall'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const l of await readLags()) this.set({ hall: l.hallId }, l.secondsBehind);
      },
    });
  }
  return Registry.merge([processRegistry, registry]);
}
