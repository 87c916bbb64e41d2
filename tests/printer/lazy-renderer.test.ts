import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('the ticket picture renderer', () => {
  it('is not loaded with the hub: only a virtual printer drawing its first ticket loads it', () => {
    const script = fileURLToPath(new URL('./fixtures/renderer-loaded.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(out.trim()).toBe('0');
  }, 60_000);
});
