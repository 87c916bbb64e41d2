/**
 * Writes manifest.json for a folder of voice clips named `<segment>.wav`, checking that every
 * segment the sentence builder can ask for is there and is a readable PCM WAV.
 *
 *   npx tsx display/voice/write-manifest.ts DIR [--source "who made these clips"]
 *
 * build-voice-pack.sh runs it for the generated pack; run it yourself on a folder of human
 * recordings (docs/voice.md). Exits 1 naming every missing or unreadable clip.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { segmentKeys } from '../lib/voice/sentence.js';
import { readWavInfo } from '../lib/voice/wav.js';
import type { VoiceManifest } from '../lib/voice/manifest.js';

const [dir, ...rest] = process.argv.slice(2);
if (!dir) {
  console.error('usage: write-manifest.ts DIR [--source TEXT]');
  process.exit(2);
}
const sourceAt = rest.indexOf('--source');
const source = sourceAt >= 0 ? (rest[sourceAt + 1] ?? '') : 'human recordings';

const problems: string[] = [];
const segments: VoiceManifest['segments'] = {};
for (const key of segmentKeys) {
  const file = `${key}.wav`;
  const path = join(dir, file);
  if (!existsSync(path)) {
    problems.push(`${file}: missing`);
    continue;
  }
  try {
    segments[key] = { file, durationMs: readWavInfo(readFileSync(path)).durationMs };
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message}`);
  }
}
if (problems.length) {
  console.error(`write-manifest: ${dir} is not a complete voice pack:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const manifest: VoiceManifest = { language: 'zh-CN', source, segments };
writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`write-manifest: ${Object.keys(segments).length} segments listed in ${join(dir, 'manifest.json')}`);
