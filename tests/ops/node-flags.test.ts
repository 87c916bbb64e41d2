/**
 * Production starts node with memory flags (docs/operations.md, "Node's memory flags"): written in
 * package.json's start:prod and in the systemd unit of docs/operations.md, and the fan-out bench
 * runs the hub with those of start:prod. The two places must say the same, and node must accept them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const startProd = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod']!;
const flagsOf = (command: string) => command.split(/\s+/).filter((w) => w.startsWith('--'));
const unitLine = readFileSync('docs/operations.md', 'utf8')
  .split('\n')
  .find((l) => l.startsWith('ExecStart='));

describe("production's node flags", () => {
  it('start:prod runs the compiled hub with node and memory flags', () => {
    expect(startProd.split(/\s+/)[0]).toBe('node');
    expect(startProd.trim().endsWith('build/server/main.js')).toBe(true);
    expect(flagsOf(startProd)).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-semi-space-size=\d+$/), expect.stringMatching(/^--heap-growing-percent=\d+$/)]));
  });

  it("the systemd unit in docs/operations.md carries start:prod's flags (and may add --enable-source-maps)", () => {
    expect(unitLine).toBeDefined();
    const unit = flagsOf(unitLine!);
    expect(unit.filter((f) => f !== '--enable-source-maps').sort()).toEqual(flagsOf(startProd).sort());
  });

  it('node accepts the flags (an unknown V8 flag would only warn, so its answer is checked too)', () => {
    const run = spawnSync(process.execPath, [...flagsOf(startProd), '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('ok');
    expect(run.stderr).toBe('');
  });
});
