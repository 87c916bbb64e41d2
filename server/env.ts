/**
 * Environment variables, read and validated once. One line each:
 *   REDIS_URL       Redis to use; unset: 127.0.0.1:6379, or a private redis-server under data/
 *   REDIS_CLUSTER_NODES  a Redis Cluster instead: seed nodes host:port,host:port,… (any reachable
 *                   subset; docs/scaling.md); when set, REDIS_URL is not used
 *   YC_CONFIG       hall configuration file (also --config); default config/demo-hall.yaml
 *   PORT            HTTP and socket.io port; default 8080
 *   HOST            address to listen on; default 0.0.0.0 (screens on the hall's LAN)
 *   YC_KEY_PREFIX   prefix of every Redis key; default "yc:" (tests use their own); no braces:
 *                   the key layout places its own hash tags after it (server/store/keys.ts)
 *   YC_PUBLIC_URL   the address citizens' phones reach (QR codes); default http://<LAN address>:PORT
 *   YC_TRUST_PROXY  which proxies' X-Forwarded-For to believe (express "trust proxy"): the load
 *                   balancer's address or subnet; default loopback
 *   DATABASE_URL    PostgreSQL for the archive (postgres://…); unset: SQLite in YC_ARCHIVE_FILE
 *   YC_ARCHIVE_FILE the SQLite archive when no DATABASE_URL; default data/archive.db (made at start)
 *   YC_EVIDENCE_DIR where inspection, complaint and commendation photos are kept; default data/evidence
 *   NODE_ENV        "production" refuses demo passwords
 *   LOG_LEVEL       fatal, error, warn, info, debug, trace or silent; default info
 *   LOG_FORMAT      json (one object a line), pretty (a line a person reads) or auto: pretty on a TTY; default auto
 *   YC_METRICS_TOKEN  when set, GET /metrics wants `Authorization: Bearer <it>`; unset, only this machine may scrape
 *   YC_SHUTDOWN_TIMEOUT_MS  SIGTERM: how long in-flight work may take before the hub gives up and exits 1; default 10000
 *   YC_DRAIN_MS     SIGTERM: how long /readyz answers 503 before the listener closes (the balancer's
 *                   check interval × its failure threshold); default 0
 */
import { z } from 'zod';

// What express's "trust proxy" takes as a list (proxy-addr): named ranges or addresses/subnets.
// Neither `true` (from the environment express reads it as an address and refuses to start) nor a
// hop count (express would quietly read "1" as the address 0.0.0.1), so both are refused here.
const proxyEntry = String.raw`(?:loopback|linklocal|uniquelocal|\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?|[0-9a-fA-F]*:[0-9a-fA-F:.]*(?:\/\d{1,3})?)`;
const trustedProxies = new RegExp(`^${proxyEntry}(?:\\s*,\\s*${proxyEntry})*$`);

const logSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty', 'auto']).default('auto'),
});
export type LogSettings = z.infer<typeof logSchema>;

/**
 * The logger's part of the environment, read on its own: the logger exists before (and whatever)
 * the rest is validated. A bad value falls back to the default and the full check (readEnv) names it.
 */
export function logSettings(source: NodeJS.ProcessEnv = process.env): LogSettings {
  const parsed = logSchema.safeParse(source);
  return parsed.success ? parsed.data : logSchema.parse({});
}

const envSchema = logSchema.extend({
  REDIS_URL: z.string().url().optional(),
  YC_CONFIG: z.string().default('config/demo-hall.yaml'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^\s*[^\s,:]+:\d{1,5}(\s*,\s*[^\s,:]+:\d{1,5})*\s*$/, 'comma-separated host:port of the cluster\'s nodes, e.g. 10.0.0.5:7000,10.0.0.6:7000')
    .optional(),
  YC_KEY_PREFIX: z
    .string()
    .regex(/^[^{}]*$/, 'no braces: a brace would make a Redis Cluster hash tag of the prefix, and every hall would share one slot')
    .default('yc:'),
  YC_PUBLIC_URL: z.string().url().optional(),
  YC_TRUST_PROXY: z
    .string()
    .regex(trustedProxies, 'comma-separated loopback, linklocal, uniquelocal or IP addresses with an optional /prefix')
    .default('loopback'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL: postgres://user@host:5432/database').optional(),
  YC_ARCHIVE_FILE: z.string().min(1).default('data/archive.db'),
  YC_EVIDENCE_DIR: z.string().min(1).default('data/evidence'),
  NODE_ENV: z.string().default('development'),
  YC_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  YC_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(10_000),
  YC_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(0),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`bad environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
