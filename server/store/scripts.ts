/**
 * Loads the Lua scripts under ./lua as ioredis commands. A mutating script is _lib.lua +
 * _mutate.lua + its own body (idempotency, event append); a read-only or maintenance one is _lib.lua + body.
 * ioredis sends EVALSHA and falls back to EVAL after a Redis restart flushed the script cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isCluster, type RedisClient } from './redisClient.js';

const dir = fileURLToPath(new URL('./lua/', import.meta.url));
const read = (name: string): string => readFileSync(`${dir}${name}.lua`, 'utf8');

export const mutatingScripts = [
  'issue',
  'call_next',
  'recall',
  'start',
  'no_show',
  'complete',
  'transfer',
  'cancel',
  'sign_in',
  'sign_out',
  'away',
  'back',
  'close',
  'sweep',
  'rollover',
  'rate',
  'alert',
] as const;
export const readScripts = ['snapshot', 'init_windows', 'position', 'waiting'] as const;
/** Scripts that write without an event: the rebuild from the archive, a printer's state. Assembled like read scripts. */
export const maintenanceScripts = ['restore', 'printer_status', 'print_lease'] as const;
export type ScriptName = (typeof mutatingScripts)[number] | (typeof readScripts)[number] | (typeof maintenanceScripts)[number];

// Lua source is read once per process, not per connection.
let sources: Map<ScriptName, string> | undefined;
function scriptSources(): Map<ScriptName, string> {
  if (!sources) {
    const lib = read('_lib');
    const mutate = read('_mutate');
    sources = new Map();
    for (const name of mutatingScripts) sources.set(name, `${lib}\n${mutate}\n${read(name)}`);
    for (const name of [...readScripts, ...maintenanceScripts]) sources.set(name, `${lib}\n${read(name)}`);
  }
  return sources;
}

/** `fingerprint` (ARGV[5], mutating scripts): a digest of what the client asked, kept with the request id's result. */
type ScriptCall = (key: string, prefix: string, now: string, requestId: string, payload: string, fingerprint?: string) => Promise<string>;

const defined = new WeakSet<RedisClient>();

/** Define every script on a connection (once) and return a caller. */
export function scriptRunner(redis: RedisClient): (name: ScriptName, ...args: Parameters<ScriptCall>) => Promise<string> {
  if (!defined.has(redis)) {
    for (const [name, lua] of scriptSources()) redis.defineCommand(`yc_${name}`, { numberOfKeys: 1, lua });
    defined.add(redis);
  }
  const commands = redis as unknown as Record<string, ScriptCall>;
  return (name, ...args) => commands[`yc_${name}`]!(...args);
}

/**
 * Readiness (GET /readyz): every script's source was read (from ./lua beside this file, also in the
 * compiled build) and Redis holds it. A Redis that restarted or flushed its script cache gets them
 * loaded again here, as ioredis would on the next call; what cannot be loaded (no Redis, a script
 * Redis refuses) throws.
 */
export async function ensureScriptsLoaded(redis: RedisClient): Promise<{ scripts: number; reloaded: number }> {
  const all = [...scriptSources().values()];
  const shas = all.map((lua) => createHash('sha1').update(lua).digest('hex'));
  // A cluster's every master runs scripts for its own halls: each needs them all.
  const nodes = isCluster(redis) ? redis.nodes('master') : [redis];
  let reloaded = 0;
  for (const node of nodes) {
    const present = (await node.script('EXISTS', ...shas)) as number[];
    for (const [i, lua] of all.entries()) {
      if (present[i] === 1) continue;
      await node.script('LOAD', lua);
      reloaded++;
    }
  }
  return { scripts: all.length, reloaded };
}
