/**
 * How production starts the hub: package.json's `start:prod` — its environment assignments before
 * `node` (e.g. MALLOC_ARENA_MAX) and node's flags — read from there so that the benches run the hub
 * as production does and cannot drift from it (docs/operations.md's systemd unit says the same:
 * tests/ops/node-flags.test.ts).
 */
import { readFileSync } from 'node:fs';

function startProd(): { env: Record<string, string>; flags: string[] } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts['start:prod']!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let at = 0;
  for (; at < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[at]!); at++) {
    const [name, ...value] = words[at]!.split('=');
    env[name!] = value.join('=');
  }
  if (words[at] !== 'node') throw new Error(`package.json start:prod runs "${words[at]}", not node: the bench cannot read its flags`);
  return { env, flags: words.slice(at + 1).filter((w) => w.startsWith('--')) };
}

/** Node's flags in start:prod. */
export function productionNodeFlags(): string[] {
  return startProd().flags;
}

/** The environment start:prod sets for the hub (`NAME=value` before `node`). */
export function productionEnv(): Record<string, string> {
  return startProd().env;
}
