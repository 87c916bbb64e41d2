/**
 * The benches that run the hub as production does compile it first: the server and the bench's own
 * entries (tsconfig.bench.json), with the same tsc and options as `npm run build:server`
 * (scripts/build-server.mjs; type checking left to npm run typecheck), into a folder of their own
 * under the project (so the compiled files find node_modules as the sources do).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Compile into `outDir` (relative to the project); its absolute path. Throws if the build fails. */
export function compileBench(outDir: string, what: string): string {
  const built = spawnSync(process.execPath, [`${ROOT}scripts/build-server.mjs`, '--project', 'tsconfig.bench.json', '--no-check', '--out-dir', outDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error(`building ${what} (scripts/build-server.mjs) failed (${built.signal ?? built.status})`);
  return `${ROOT}${outDir}`;
}
