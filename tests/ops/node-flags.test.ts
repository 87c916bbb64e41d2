/**
 * Production starts the compiled hub the same way everywhere: package.json's start:prod and the
 * systemd unit of docs/operations.md run the same file with the same node flags (the unit may add
 * --enable-source-maps) and the same environment settings (start:prod's `NAME=value` before
 * `node`, the unit's `Environment=` lines), and bench:fanout and bench:evaluate run the hub with
 * start:prod's (bench/lib/productionFlags.ts) — so a setting tried for memory or speed is tried in
 * all three.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { productionEnv, productionNodeFlags } from '../../bench/lib/productionFlags.js';

const startProd = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod']!;
const words = (command: string) => command.trim().split(/\s+/);
const flagsOf = (command: string) => words(command).filter((w) => w.startsWith('--'));
const operations = readFileSync('docs/operations.md', 'utf8').split('\n');
const unitLine = operations.find((l) => l.startsWith('ExecStart='));
/** The unit's `Environment=NAME=value` lines (not EnvironmentFile=). */
const unitEnv = Object.fromEntries(operations.filter((l) => l.startsWith('Environment=')).map((l) => l.slice('Environment='.length).trim().split(/=(.*)/s).slice(0, 2)));
/** start:prod's `NAME=value` words before `node`. */
const startProdEnv = Object.fromEntries(words(startProd).slice(0, words(startProd).indexOf('node')).map((w) => w.split(/=(.*)/s).slice(0, 2)));

describe("production's node command", () => {
  it('start:prod runs the compiled hub with node', () => {
    expect(words(startProd).filter((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w))[0]).toBe('node');
    expect(words(startProd).at(-1)).toBe('build/server/main.js');
  });

  it("the systemd unit in docs/operations.md runs the same file with start:prod's flags (and may add --enable-source-maps)", () => {
    expect(unitLine).toBeDefined();
    expect(words(unitLine!).at(-1)).toBe('build/server/main.js');
    expect(flagsOf(unitLine!).filter((f) => f !== '--enable-source-maps').sort()).toEqual(flagsOf(startProd).sort());
  });

  it("the systemd unit sets the environment start:prod sets (two malloc arenas)", () => {
    expect(startProdEnv).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(unitEnv).toEqual(startProdEnv);
  });

  it("the benches read start:prod's flags and environment", () => {
    expect(productionNodeFlags()).toEqual(flagsOf(startProd));
    expect(productionEnv()).toEqual({ MALLOC_ARENA_MAX: '2' });
  });
});
