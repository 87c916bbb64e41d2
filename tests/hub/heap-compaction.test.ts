/**
 * The hub compacts its heap once before it listens (server/heap.ts): a memory-reducing full
 * collection that gives back the old generation's garbage and the young generation's growth. Each
 * case runs in a fresh node process that promotes ~80 MB of objects to the old generation, has them
 * marked live by a full collection, drops them, then either compacts or only waits: the waiting
 * process must still hold them (else the test could not tell), the compacted one must not.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const MB = 1048576;

interface Heap { total: number; newSpace: number }

async function afterGarbage(compact: boolean): Promise<{ done: boolean | null; before: Heap; after: Heap }> {
  const script = `
    import v8 from 'node:v8';
    import { compactHeap } from ${JSON.stringify(new URL('../../server/heap.ts', import.meta.url).href)};
    const heap = () => ({ total: process.memoryUsage().heapTotal, newSpace: v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size });
    // Objects that live across scavenges (promoted), then are dropped: garbage in the old generation.
    let kept = [];
    for (let i = 0; i < 10; i++) {
      kept.push(Array.from({ length: 100_000 }, (_, j) => ({ j, s: 'x' + j })));
      await new Promise((ok) => setTimeout(ok, 1));
    }
    // A full collection now, while they are alive: none is under way when they are dropped (an
    // incremental one finishing during the wait would free them without any compaction).
    globalThis.gc();
    kept = null;
    const before = heap();
    const done = ${compact} ? await compactHeap() : null;
    await new Promise((ok) => setTimeout(ok, 300));
    console.log(JSON.stringify({ done, before, after: heap() }));`;
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url).pathname });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { done: boolean | null; before: Heap; after: Heap };
}

describe('compacting the heap', () => {
  it('gives back the old generation garbage and shrinks the young generation; without it both stay', async () => {
    const [compacted, waited] = await Promise.all([afterGarbage(true), afterGarbage(false)]);
    const show = (h: Heap) => `heap ${(h.total / MB).toFixed(1)} MB (young ${(h.newSpace / MB).toFixed(1)})`;
    console.log(`compacted: ${show(compacted.before)} → ${show(compacted.after)}; waited: ${show(waited.before)} → ${show(waited.after)}`);
    // ~80 MB of objects were promoted and dropped: both processes hold them before.
    expect(compacted.before.total).toBeGreaterThan(40 * MB);
    expect(waited.before.total).toBeGreaterThan(40 * MB);
    expect(compacted.done).toBe(true);
    expect(compacted.after.total).toBeLessThan(compacted.before.total / 3);
    expect(compacted.after.newSpace).toBeLessThanOrEqual(2 * MB);
    // The control: waiting alone gives nothing back.
    expect(waited.after.total).toBeGreaterThan(waited.before.total * 0.8);
  }, 60_000);
});
