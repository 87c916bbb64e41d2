/**
 * `npm run bench:evaluate`: the monthly evaluation of a city's halls — one month of 1,000,000
 * ticket facts (100 halls × 10,000 by default) in the archive's ticket_facts table, with each
 * hall's duty intervals — on SQLite and on PostgreSQL.
 *
 *   evaluation — for every hall what the month-end job's evaluator (server/evaluationData.ts)
 *                does: read the duty intervals and the month's metrics (server/store/archive/
 *                monthMetrics.ts: one GROUP BY per hall executing the domain's per-ticket
 *                definitions, on SQLite in the archive's reading thread), compute the attendance
 *                period, and evaluateMonth (scores, ranks, awards). Wall time for all halls; a few
 *                halls' reads are in flight while one is scored, as the job runs EVALUATION_CONCURRENCY.
 *   floor      — one SQL aggregate over the same facts in the same run: GROUP BY hall, staff with
 *                count, average wait and handling, and rating counts. The least any evaluation
 *                that reads the month must pay.
 *   Goal: evaluation ≤ 2 s and ≤ 3× the floor, on each database. Best of `--rounds` runs each,
 *   evaluation and floor interleaved.
 *
 *   npm run bench:evaluate [-- --halls 100 --tickets 10000 --rounds 3 --only sqlite|postgres]
 *                          [--node-flags "<flags>"]
 *
 * The evaluation runs in the hub (a BullMQ worker of the month-end queue), so it is measured as
 * production runs the hub: this launcher compiles the server and the bench's body
 * (bench/evaluate-run.ts) with scripts/build-server.mjs into a folder of its own under build/, and
 * runs it with plain node and production's node flags (package.json's start:prod;
 * `--node-flags` to try others, "" for node's defaults). The folder is deleted at the end.
 *
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) for PostgreSQL. The SQLite
 * file is a temp file and the PostgreSQL schema its own; both are removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { compileBench, ROOT } from './lib/compiled.js';
import { productionEnv, productionNodeFlags } from './lib/productionFlags.js';
const args = process.argv.slice(2);
const flagAt = args.indexOf('--node-flags');
const nodeFlags = flagAt >= 0 ? (args[flagAt + 1] ?? '').split(/\s+/).filter(Boolean) : productionNodeFlags();
const passed = flagAt >= 0 ? [...args.slice(0, flagAt), ...args.slice(flagAt + 2)] : args;

const outDir = `build/bench-evaluate-${randomBytes(4).toString('hex')}`;
let status = 1;
try {
  const t0 = Date.now();
  const dir = compileBench(outDir, 'the evaluation bench');
  console.log(`compiled to JavaScript in ${outDir} (${((Date.now() - t0) / 1000).toFixed(1)} s); run with plain node, node flags: ${nodeFlags.length ? nodeFlags.join(' ') : "none (node's defaults)"}`);
  const run = spawnSync(process.execPath, [...nodeFlags, `${dir}/bench/evaluate-run.js`, ...passed], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...productionEnv() } });
  status = run.status ?? 1;
} finally {
  rmSync(`${ROOT}${outDir}`, { recursive: true, force: true });
}
process.exitCode = status;
