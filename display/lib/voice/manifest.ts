/**
 * The voice pack's manifest: which file says each segment. Shared by the build script, the test
 * and the browser player, so a folder of human recordings is checked by the same rules.
 */

export interface ManifestEntry {
  file: string;
  durationMs: number;
}

export interface VoiceManifest {
  language: string;
  /** Where the clips came from (engine and version, or "human recordings"). */
  source: string;
  segments: Record<string, ManifestEntry>;
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** Validates a parsed manifest.json; throws ManifestError naming the first bad field. */
export function parseManifest(raw: unknown): VoiceManifest {
  if (!isObject(raw)) throw new ManifestError('manifest is not a JSON object');
  const { language, source, segments } = raw;
  if (typeof language !== 'string') throw new ManifestError('manifest.language must be a string');
  if (typeof source !== 'string') throw new ManifestError('manifest.source must be a string');
  if (!isObject(segments)) throw new ManifestError('manifest.segments must be an object');
  const parsed: Record<string, ManifestEntry> = {};
  for (const [key, entry] of Object.entries(segments)) {
    if (!isObject(entry) || typeof entry.file !== 'string' || typeof entry.durationMs !== 'number')
      throw new ManifestError(`manifest.segments["${key}"] must be { file: string, durationMs: number }`);
    // A file name only: the base URL decides where clips live, so a pack can be moved whole.
    if (!/^[\w.-]+$/.test(entry.file) || entry.file.startsWith('.'))
      throw new ManifestError(`manifest.segments["${key}"].file "${entry.file}" must be a plain file name`);
    parsed[key] = { file: entry.file, durationMs: entry.durationMs };
  }
  return { language, source, segments: parsed };
}

/** Segments the manifest lacks, in the order asked. */
export function missingSegments(manifest: VoiceManifest, keys: readonly string[]): string[] {
  return keys.filter((k) => !Object.hasOwn(manifest.segments, k));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
