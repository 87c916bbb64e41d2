/**
 * Browser end-to-end tests need the built pages (the hub serves dist/). Shared by every e2e file
 * (screens, counter, kiosk): vitest runs it once per test run, and it builds only when a source
 * file is newer than the last build, under a lock so two runs at once do not build over each other.
 *
 * Set YC_E2E_BUILD=skip to use dist/ as it is, or =force to always build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');
const stamp = join(dist, '.e2e-build-stamp');
const sources = ['display', 'counter', 'desk', 'server/protocol.ts', 'server/domain', 'server/events.ts', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const upToDate = () => existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources.map((p) => newestMtime(join(root, p))));

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `yc-e2e-build-${createHash('sha1').update(root).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a crashed run is older than any build takes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`e2e build: lock ${lock} held too long`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const pages = () =>
  ['display', 'counter', 'desk'].flatMap((dir) =>
    existsSync(join(root, dir)) ? readdirSync(join(root, dir)).filter((f) => f.endsWith('.html')).map((f) => `${dir}/${f.replace(/\.html$/, '')}`) : [],
  );

/**
 * vite build with the project's config; when that fails, page by page, so one broken page (a
 * colleague's work in progress) fails its own tests and not every browser test. Returns the pages
 * that did not build.
 */
async function build(): Promise<string[]> {
  const vite = await import('vite');
  const configFile = join(root, 'vite.config.ts');
  try {
    await vite.build({ root, configFile, logLevel: 'warn' });
    return [];
  } catch (err) {
    console.warn(`e2e build: the whole build failed (${(err as Error).message.split('\n')[0]}); building page by page`);
  }
  rmSync(dist, { recursive: true, force: true });
  const failed: string[] = [];
  for (const page of pages()) {
    // The project's config lists every page; this plugin narrows the input to one.
    const onlyThisPage = { name: 'yc-one-page', options: (o: object) => ({ ...o, input: { [page]: join(root, `${page}.html`) } }) };
    try {
      await vite.build({ root, configFile, logLevel: 'error', build: { emptyOutDir: false }, plugins: [onlyThisPage] });
    } catch (err) {
      failed.push(page);
      console.warn(`e2e build: ${page}.html does not build: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return failed;
}

/** Builds the pages into dist/ unless they are current. */
export async function buildPages(force = process.env.YC_E2E_BUILD === 'force'): Promise<void> {
  if (process.env.YC_E2E_BUILD === 'skip' && existsSync(dist)) return;
  if (!force && upToDate()) return;
  await withLock(async () => {
    if (!force && upToDate()) return; // another run built it while we waited
    const started = new Date();
    const failed = await build();
    // No stamp after a partial build: the next run tries the broken pages again.
    if (failed.length) return;
    // Dated when the build began: a file saved during the build makes the next run build again.
    writeFileSync(stamp, started.toISOString());
    utimesSync(stamp, started, started);
  });
}

/** True when the run's file filters (`vitest run tests/engine`) select no e2e test: no build needed. */
function noE2eSelected(project: unknown): boolean {
  const filters = (project as { vitest?: { filenamePattern?: string[] } } | undefined)?.vitest?.filenamePattern;
  if (!filters?.length) return false;
  const e2e = readdirSync(join(root, 'tests/e2e'))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(root, 'tests/e2e', f));
  return !e2e.some((file) => filters.some((f) => file.includes(f.replace(/^\.\//, ''))));
}

export default async function setup(project?: unknown): Promise<void> {
  if (noE2eSelected(project)) return;
  await buildPages();
}
