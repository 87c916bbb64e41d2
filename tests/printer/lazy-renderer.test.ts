import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/renderer-loaded.ts', import.meta.url));
/** For each package, how many of its modules importing the hub (nothing started) has loaded. */
const loadedWithHub = (packages: string[]): Record<string, number> =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, ...packages], { encoding: 'utf8', timeout: 60_000 }).trim()) as Record<string, number>;

describe('the ticket picture renderer', () => {
  it('is not loaded with the hub: only a virtual printer drawing its first ticket loads it', () => {
    expect(loadedWithHub(['@resvg'])).toEqual({ '@resvg': 0 });
  }, 60_000);
});

describe('what a hub loads only when it needs it (its start and memory: README "Fan-out")', () => {
  it('neither the ticket layout, the workbook writer nor either SQL driver comes with the hub', () => {
    // receiptline: the first ticket to print (iconv-lite, which the layout also uses, comes with
    // express's body parser anyway); exceljs: the first report asked for; better-sqlite3 or pg:
    // opening an archive of that kind.
    const packages = ['receiptline', 'exceljs', 'better-sqlite3', 'pg'];
    expect(loadedWithHub(packages)).toEqual(Object.fromEntries(packages.map((p) => [p, 0])));
  }, 60_000);
});
