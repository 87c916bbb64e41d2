/**
 * How production starts the hub: package.json's `start:prod` — its environment assignments before
 * `node` (e.g. MALLOC_ARENA_MAX) and node's flags — read from there so that the benches run the hub
 * as production does and cannot drift from it (docs/operations.md's systemd unit says the same:
 * tests/ops/node-flags.test.ts).
 */
import { readFileSync } from 'node:fs';

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** Shell-style `NAME=value` words as an environment; throws on a word that is not one. */
export function assignments(words: string[], what: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const w of words) {
    const m = ASSIGNMENT.exec(w);
    if (!m) throw new Error(`${what}: NAME=value words, not "${w}"`);
    env[m[1]!] = m[2]!;
  }
  return env;
}

function startProd(): { env: Record<string, string>; flags: string[] } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts['start:prod']!.trim().split(/\s+/);
  const node = words.findIndex((w) => !ASSIGNMENT.test(w));
  if (words[node] !== 'node') throw new Error(`package.json start:prod runs "${words[node]}", not node: the bench cannot read its flags`);
  return { env: assignments(words.slice(0, node), 'package.json start:prod'), flags: words.slice(node + 1).filter((w) => w.startsWith('--')) };
}

/** Node's flags in start:prod. */
export function productionNodeFlags(): string[] {
  return startProd().flags;
}

/** The environment start:prod sets for the hub (`NAME=value` before `node`). */
export function productionEnv(): Record<string, string> {
  return startProd().env;
}
