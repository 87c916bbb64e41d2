/**
 * A screen's voice settings, as the hall configuration gives them (see docs/voice.md):
 * checked once when the screen starts, so a typo is an error on screen, not a silent hall.
 */
import { announcerDefaults } from './announcer.js';
import { defaultVoiceBaseUrl } from './webAudioPlayer.js';

export interface VoiceSettings {
  muted: boolean;
  /** 0 … 1, applied on top of the pack's own level. */
  volume: number;
  /** How many times each call is said. */
  repeat: number;
  /** Silence between two sayings, in milliseconds. */
  gapMs: number;
  /** The folder of clips; point it at human recordings to replace the generated pack. */
  baseUrl: string;
}

export const defaultVoiceSettings: Readonly<VoiceSettings> = {
  muted: false,
  volume: announcerDefaults.volume,
  repeat: announcerDefaults.repeat,
  gapMs: announcerDefaults.gapMs,
  baseUrl: defaultVoiceBaseUrl,
};

export class VoiceSettingsError extends Error {
  override name = 'VoiceSettingsError';
}

/** Fills defaults and checks ranges; throws VoiceSettingsError naming the bad field. */
export function parseVoiceSettings(raw: unknown = {}): VoiceSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new VoiceSettingsError('voice settings must be an object');
  const given = raw as Record<string, unknown>;
  const known = Object.keys(defaultVoiceSettings);
  const unknown = Object.keys(given).filter((k) => !known.includes(k));
  if (unknown.length) throw new VoiceSettingsError(`unknown voice setting ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return {
    muted: field(given, 'muted', 'boolean', (v) => typeof v === 'boolean'),
    volume: field(given, 'volume', 'a number from 0 to 1', (v) => typeof v === 'number' && v >= 0 && v <= 1),
    repeat: field(given, 'repeat', 'a whole number from 1 to 5', (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5),
    gapMs: field(given, 'gapMs', 'a number of milliseconds from 0 to 10000', (v) => typeof v === 'number' && v >= 0 && v <= 10_000),
    baseUrl: field(given, 'baseUrl', 'a non-empty string', (v) => typeof v === 'string' && v.length > 0),
  };
}

function field<K extends keyof VoiceSettings>(
  given: Record<string, unknown>,
  key: K,
  expected: string,
  ok: (v: unknown) => boolean,
): VoiceSettings[K] {
  const v = given[key];
  if (v === undefined) return defaultVoiceSettings[key];
  if (!ok(v)) throw new VoiceSettingsError(`voice setting ${key} must be ${expected}, not ${JSON.stringify(v)}`);
  return v as VoiceSettings[K];
}
