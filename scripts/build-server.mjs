#!/usr/bin/env node
// npm run build:server: the hub compiled to plain JavaScript for production (npm run start:prod).
// tsc with tsconfig.build.json, then the files the compiled code reads beside itself: the Lua
// scripts (server/store/scripts.ts finds them next to its own file). No bundler: the output keeps
// the source's layout, so a stack trace names the same files (with source maps).
//   node scripts/build-server.mjs [--out-dir <dir>] [--project <tsconfig>] [--no-check]
// (default build/ and tsconfig.build.json). bench:fanout builds its hub and floor this way, with
// `--project tsconfig.bench.json --no-check`: the same compiled server plus the bench's child
// entries, emitted without type checking (npm run typecheck does that; the JavaScript is the same).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    'out-dir': { type: 'string', default: 'build' },
    project: { type: 'string', default: 'tsconfig.build.json' },
    'no-check': { type: 'boolean', default: false },
  },
});
const outDir = values['out-dir'];
rmSync(outDir, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const built = spawnSync(process.execPath, [tsc, '-p', values.project, '--outDir', outDir, ...(values['no-check'] ? ['--noCheck'] : [])], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
// Assets the compiled code reads from its own folder.
const assets = ['server/store/lua', 'server/store/archive/sqliteReaderThread.mjs'];
for (const dir of assets) cpSync(dir, join(outDir, dir), { recursive: true });
if (!existsSync(join(outDir, 'server/main.js'))) {
  process.stderr.write(`build-server: ${outDir}/server/main.js is missing\n`);
  process.exit(1);
}
process.stdout.write(`build-server: the hub is in ${outDir}/ (run: node ${outDir}/server/main.js)\n`);
