/**
 * The one place that makes Redis connections: a single server (REDIS_URL) or a Redis Cluster
 * (REDIS_CLUSTER_NODES). The hub, the simulator, the rebuild command, the benches and the test
 * helpers all connect through here, so the rest of the code holds a `RedisClient` and never asks
 * which one it is, except where a cluster really differs (subscribing per slot, scanning every
 * master).
 *
 * A target is a string so that it travels where a URL did (options, child processes' argv):
 *   redis://host:port[/db]                     one server
 *   redis-cluster://host:port,host:port,…      a cluster's seed nodes (any reachable subset)
 *
 * On a cluster every multi-key command and script must keep to one slot: a hall's keys share the
 * hash tag `{h:<hall>}`, a token's keys `{<digest>}`, BullMQ's `{<prefix>bull}` (store/keys.ts).
 */
import type { ConnectionOptions } from 'bullmq';
import { Cluster, Redis, type ClusterNode, type ClusterOptions, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;
export type RedisTarget = string;

const CLUSTER_SCHEME = 'redis-cluster://';

/** `host:port,host:port` (REDIS_CLUSTER_NODES) as a target. */
export function clusterTarget(nodes: string | readonly ClusterNode[]): RedisTarget {
  const list = typeof nodes === 'string' ? nodes : nodes.map((n) => (typeof n === 'object' ? `${n.host ?? '127.0.0.1'}:${n.port ?? 6379}` : String(n))).join(',');
  return `${CLUSTER_SCHEME}${list.replace(/\s+/g, '')}`;
}

/** The seed nodes of a cluster target; undefined for a single server's URL. */
export function clusterNodes(target: RedisTarget): { host: string; port: number }[] | undefined {
  if (!target.startsWith(CLUSTER_SCHEME)) return undefined;
  return target
    .slice(CLUSTER_SCHEME.length)
    .split(',')
    .filter(Boolean)
    .map((hp) => {
      const i = hp.lastIndexOf(':');
      return { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) };
    });
}

/** The target the environment names: REDIS_CLUSTER_NODES wins over REDIS_URL. */
export function targetFromEnv(env: { REDIS_URL?: string | undefined; REDIS_CLUSTER_NODES?: string | undefined }, fallbackUrl = 'redis://127.0.0.1:6379'): RedisTarget {
  return env.REDIS_CLUSTER_NODES ? clusterTarget(env.REDIS_CLUSTER_NODES) : (env.REDIS_URL ?? fallbackUrl);
}

/** How a target reads in a log line or a message. */
export function describeTarget(target: RedisTarget): string {
  const nodes = clusterNodes(target);
  return nodes ? `Redis Cluster (${nodes.map((n) => `${n.host}:${n.port}`).join(', ')})` : target;
}

export function isCluster(client: RedisClient): client is Cluster {
  return (client as Cluster).isCluster === true;
}

/**
 * Cluster options for every connection: events on sharded pub/sub need ioredis's per-shard
 * subscribers; reads go to masters (a replica may lag); commands caught by a failover wait for
 * the new master instead of failing at once.
 */
function clusterOptions(options: RedisOptions): ClusterOptions {
  return {
    redisOptions: options,
    ...(options.lazyConnect ? { lazyConnect: true } : {}),
    shardedSubscribers: true,
    scaleReads: 'master',
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 200,
    maxRedirections: 32,
    slotsRefreshTimeout: 2000,
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
  };
}

/** A new connection to the target. `options` are per-server options (a cluster passes them to each node). */
export function connectRedis(target: RedisTarget, options: RedisOptions = {}): RedisClient {
  const nodes = clusterNodes(target);
  return nodes ? new Cluster(nodes, clusterOptions(options)) : new Redis(target, options);
}

/** Another connection like `client`, with some per-server options changed (a subscriber's, say). */
export function duplicateClient(client: RedisClient, options: RedisOptions = {}): RedisClient {
  if (isCluster(client)) return client.duplicate([], { redisOptions: { ...client.options.redisOptions, ...options } });
  return client.duplicate(options);
}

/**
 * BullMQ's connection for a target. On one server BullMQ opens its own connections from options;
 * on a cluster it takes a Cluster instance (shared by the queues and workers given it; each worker
 * duplicates it for its blocking reads), which `close` ends once they are closed.
 */
export function bullConnection(target: RedisTarget): { connection: ConnectionOptions; close(): Promise<void> } {
  const nodes = clusterNodes(target);
  // BullMQ's blocking reads need connections that never give up on a command.
  if (!nodes) return { connection: { url: target, maxRetriesPerRequest: null } as ConnectionOptions, close: async () => undefined };
  const cluster = new Cluster(nodes, clusterOptions({ maxRetriesPerRequest: null }));
  return {
    connection: cluster,
    close: async () => {
      await cluster.quit().catch(() => cluster.disconnect());
    },
  };
}

/** Every master of a cluster (the server itself when single): where SCAN must look. */
export function masters(client: RedisClient): Redis[] {
  return isCluster(client) ? client.nodes('master') : [client];
}

/** Every key under a prefix, on every master. */
export async function scanPrefix(client: RedisClient, prefix: string): Promise<string[]> {
  const found = new Set<string>();
  // Keys hash-tagged from their start (BullMQ's `{<prefix>bull}:…`, keys.ts bullPrefix) are under the prefix too.
  for (const pattern of [`${prefix}*`, `{${prefix}*`]) {
    for (const node of masters(client)) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        for (const k of keys) found.add(k);
      } while (cursor !== '0');
    }
  }
  return [...found];
}

/** A key's hash tag (what a cluster hashes), or the whole key when it has none. */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  const close = open >= 0 ? key.indexOf('}', open + 1) : -1;
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/**
 * Delete keys that may sit in different slots: one DEL on a server; on a cluster one DEL per hash
 * tag (a hall's keys go at once, as on a server).
 */
export async function deleteKeys(client: RedisClient, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0;
  if (!isCluster(client)) return client.del(...keys);
  const groups = new Map<string, string[]>();
  for (const k of keys) groups.set(hashTagOf(k), [...(groups.get(hashTagOf(k)) ?? []), k]);
  const counts = await Promise.all([...groups.values()].map((g) => client.del(...g)));
  return counts.reduce((a, b) => a + b, 0);
}
