/**
 * The hall screen's voice, wired: the Web Audio player behind the FIFO announcer, settings checked,
 * and the announcer exposed as `window.__announcer` so end-to-end tests can read what was said.
 */
import { Announcer } from './announcer.js';
import type { Spoken } from './announcer.js';
import { parseVoiceSettings } from './settings.js';
import { WebAudioPlayer } from './webAudioPlayer.js';
import type { AudioStatus } from './webAudioPlayer.js';

export { Announcer, announcerDefaults } from './announcer.js';
export type { AnnouncerOptions, Player, Spoken } from './announcer.js';
export { callSegments, callText, compileTemplate, defaultVoiceTemplate, segmentKeys, VoiceTemplateError } from './sentence.js';
export type { CallToAnnounce, CompiledTemplate } from './sentence.js';
export { WebAudioPlayer, AudioBlockedError, defaultVoiceBaseUrl } from './webAudioPlayer.js';
export type { AudioStatus, WebAudioPlayerOptions } from './webAudioPlayer.js';
export { parseVoiceSettings, defaultVoiceSettings, VoiceSettingsError } from './settings.js';
export type { VoiceSettings } from './settings.js';

declare global {
  interface Window {
    /** The screen's announcer; e2e tests read `window.__announcer.spoken`. */
    __announcer?: Announcer;
  }
}

export interface HallVoiceOptions {
  /** The hall's `voiceTemplate`; a template the pack cannot say throws here, at start. */
  template?: string;
  /** Voice settings from the hall configuration (muted, volume, repeat, gapMs, baseUrl). */
  settings?: unknown;
  /** Audio state for the screen: show a "tap to enable sound" hint while `blocked`. */
  onStatus?: (status: AudioStatus) => void;
  onSpeak?: (spoken: Spoken) => void;
}

export interface HallVoice {
  announcer: Announcer;
  player: WebAudioPlayer;
}

/** Starts a screen's voice. Clips load in the background; a pack that fails to load is logged, and
 * calls are still queued and recorded so the screen keeps working silently. */
export function startHallVoice(options: HallVoiceOptions = {}): HallVoice {
  const settings = parseVoiceSettings(options.settings);
  const player = new WebAudioPlayer({ baseUrl: settings.baseUrl, onStatus: options.onStatus });
  const announcer = new Announcer({
    play: player.play,
    template: options.template,
    repeat: settings.repeat,
    gapMs: settings.gapMs,
    muted: settings.muted,
    volume: settings.volume,
    onSpeak: options.onSpeak,
  });
  player.preload().catch((err: unknown) => console.error('hall voice: voice pack did not load:', err));
  if (typeof window !== 'undefined') window.__announcer = announcer;
  return { announcer, player };
}
