/**
 * Production starts the compiled hub the same way everywhere: package.json's start:prod and the
 * systemd unit of docs/operations.md run the same file with the same node flags (the unit may add
 * --enable-source-maps), and bench:fanout and bench:evaluate run the hub with start:prod's flags
 * (bench/lib/productionFlags.ts) — so a flag tried for memory or speed is tried in all three.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { productionNodeFlags } from '../../bench/lib/productionFlags.js';

const startProd = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod']!;
const words = (command: string) => command.trim().split(/\s+/);
const flagsOf = (command: string) => words(command).filter((w) => w.startsWith('--'));
const unitLine = readFileSync('docs/operations.md', 'utf8')
  .split('\n')
  .find((l) => l.startsWith('ExecStart='));

describe("production's node command", () => {
  it('start:prod runs the compiled hub with node', () => {
    expect(words(startProd)[0]).toBe('node');
    expect(words(startProd).at(-1)).toBe('build/server/main.js');
  });

  it("the systemd unit in docs/operations.md runs the same file with start:prod's flags (and may add --enable-source-maps)", () => {
    expect(unitLine).toBeDefined();
    expect(words(unitLine!).at(-1)).toBe('build/server/main.js');
    expect(flagsOf(unitLine!).filter((f) => f !== '--enable-source-maps').sort()).toEqual(flagsOf(startProd).sort());
  });

  it("the benches read start:prod's flags", () => {
    expect(productionNodeFlags()).toEqual(flagsOf(startProd));
  });
});
