/**
 * The hub logs through server/log.ts (pino: levels, JSON, the request id), never a bare console.*.
 * The allow-list names each file that may write to the console, why, and how many times: command
 * line tools whose printout is their output, and the hub's one-sentence refusal to start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const allowed: Record<string, { uses: number; why: string }> = {
  'server/auth/hashPasswordCli.ts': { uses: 2, why: 'npm run hash-password: the hash on stdout is its output; usage on stderr' },
  'server/rebuild.ts': { uses: 6, why: 'npm run rebuild: an operator’s one-shot tool, its report is its output' },
  'server/simulate.ts': { uses: 5, why: 'npm run simulate: the running summary is its output' },
  'server/main.ts': { uses: 1, why: 'a refusal to start (bad configuration, no Redis, demo passwords in production) said to the person who started it, whatever LOG_LEVEL' },
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|js|mjs)$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('logging in server/', () => {
  const uses = new Map<string, number>();
  for (const file of files('server')) {
    const n = (readFileSync(file, 'utf8').match(/\bconsole\s*\.\s*\w+/g) ?? []).length;
    if (n > 0) uses.set(file.split('\\').join('/'), n);
  }

  it('writes to the console only where the allow-list says, as many times as it says', () => {
    const unexpected = [...uses].filter(([file, n]) => n !== allowed[file]?.uses).map(([file, n]) => `${file}: ${n} console call(s), allowed ${allowed[file]?.uses ?? 0}`);
    expect(unexpected).toEqual([]);
  });

  it('keeps the allow-list honest: every file on it still exists and still prints', () => {
    expect(Object.keys(allowed).filter((file) => !uses.has(file))).toEqual([]);
  });
});
