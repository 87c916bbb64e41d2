/**
 * The benchmarks still run, end to end, at a tiny shape: a figure nobody can reproduce is worth
 * nothing. Figures are not checked here (see README "Measured"); a bench exits non-zero when an
 * operation is refused, a ticket is served twice or never, or a screen misses or repeats a call.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tsx = (script: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', script, ...args], { timeout: 110_000, env: { ...process.env, NODE_NO_WARNINGS: '1' } });

describe('benchmarks', () => {
  it('bench:engine runs every row and says whether the goals are met', async () => {
    const { stdout } = await tsx('bench/engine.ts', ['--issues', '500', '--floor-calls', '2000', '--clients', '5', '--only', 'shared']);
    for (const row of ['floor (EVALSHA INCR)', 'issue: its Redis commands alone', 'call-next: its Redis commands alone', 'call-next alone, leanest layout', 'issueTicket', 'callNext', 'startService', 'completeTicket', 'serve cycle']) {
      expect(stdout).toContain(row);
    }
    expect(stdout).toMatch(/best: .*issueTicket [\d,]+\/s .*callNext [\d,]+\/s/);
  }, 60_000);

  it('bench:fanout delivers every call to every screen, once, in all three setups', async () => {
    const { stdout } = await tsx('bench/fanout.ts', ['--halls', '2', '--windows', '4', '--screens', '20', '--rate', '4', '--seconds', '2', '--warmup', '1', '--client-procs', '1', '--waiting', '20']);
    expect(stdout).toMatch(/\| hub +\|/);
    expect(stdout).toMatch(/\| floor \(bare socket\.io\) +\|/);
    expect(stdout).toMatch(/\| floor \+ Redis path +\|/);
    expect(stdout).toContain('hub: ');
    expect(stdout.match(/every screen received every call made for it, once/g)).toHaveLength(3);
    // The path every hub pays, beside the bare floor, and the hub against it.
    expect(stdout).toMatch(/the architecture's path alone \(.*\): p99 [\d.]+ ms, [\d.]+× the bare floor; the hub [\d.]+× the floor \+ Redis path/);
    expect(stdout).toMatch(/CPU while measuring floor \+ Redis path .*, Redis \d+;/);
    // The storm, the memory and the bytes, each printed beside the floor's.
    expect(stdout).toMatch(/reconnect storm, hub: kill -9 → listening [\d.]+ s → every screen holding its snapshot [\d.]+ s after the kill/);
    expect(stdout).toMatch(/reconnect storm, floor \(bare socket\.io\): kill -9 → listening [\d.]+ s → every screen connected [\d.]+ s after the kill/);
    expect(stdout).toMatch(/server RSS with every screen connected: hub \d+ MB, floor \d+ MB/);
    expect(stdout).toMatch(/least RSS at the end of the run, each fully collected: hub \d+ MB \(live heap \d+ MB\), floor \d+ MB/);
    expect(stdout).toMatch(/bytes per call cycle .*: hall screen \d+ B \(floor \d+\)/);
    expect(stdout).toMatch(/garbage collections while measured .*: hub \d+ full \(pauses [\d.]+ ms, longest [\d.]+\), \d+ scavenges \(pauses [\d.]+ ms, longest [\d.]+\); floor \(bare socket\.io\) \d+ full .*, \d+ scavenges \(pauses [\d.]+ ms, longest [\d.]+\)/);
    expect(stdout).not.toContain('never came back');
    expect(stdout).toContain('goal not judged');
  }, 120_000);

  it('bench:express answers every request on all three servers and counts their collections', async () => {
    const { stdout } = await tsx('bench/express-prototypes.ts', ['--requests', '400', '--concurrency', '5']);
    for (const server of ['node http alone', 'express (prototype swap)', 'express on expressServer']) expect(stdout).toMatch(new RegExp(`\\| ${server.replace(/[()]/g, '\\$&')} +\\| +\\d+ \\| +[\\d.]+× \\| +\\d+ \\| +\\d+ \\|`));
  }, 60_000);

  it('bench:archive archives on both databases, with its floor, its bounds and the two-thread trial', async () => {
    const { stdout } = await tsx('bench/archive.ts', ['--events', '1500', '--seconds', '0.5', '--rounds', '1']);
    expect(stdout).toMatch(/\| sqlite +\| +\d+ \| +\d+ \| +\d+ \| +\d+ % \|/);
    expect(stdout).toMatch(/\| postgres +\| +\d+ \| +\d+ \| +\d+ \| +\d+ % \|/);
    expect(stdout).toMatch(/sqlite: the archive's writes alone .* take [\d.]+× the floor's time; .* at most \d+ %; none writing these rows this way, however it reads and folds, passes \d+ %/);
    expect(stdout).toMatch(/sqlite: split in two threads .*: \d+ % of the floor; the writing thread busy [\d.]+×/);
    expect(stdout).toMatch(/postgres: the archive's writes alone .* take [\d.]+× the floor's time; none writing/);
    expect(stdout).toMatch(/call-next with the sqlite archiver running: -?[\d.]+ % slower/);
  }, 100_000);

  it('bench:evaluate reads and evaluates every ticket on SQLite and PostgreSQL, beside its floor', async () => {
    const { stdout } = await tsx('bench/evaluate.ts', ['--halls', '2', '--tickets', '300', '--rounds', '1']);
    // Compiled and run as production runs the hub (with package.json's start:prod flags, none today).
    expect(stdout).toMatch(/compiled to JavaScript in build\/bench-evaluate-\w+ .*; run with plain node, node flags: none \(node's defaults\)/);
    expect(stdout).toMatch(/\| SQLite +\| +600 \| +40 \|/);
    expect(stdout).toMatch(/\| PostgreSQL +\| +600 \| +40 \|/);
    expect(stdout).toMatch(/(met|MISSED) \|/);
  }, 60_000);
});
