/**
 * Plays voice-pack segments back to back on one AudioContext: clips are fetched and decoded once,
 * then scheduled end to end on the audio clock, so there is no gap or overlap between them whatever
 * the page's main thread is doing. The base URL decides which pack is heard, so a folder of human
 * recordings with the same file names and a manifest replaces the generated one.
 */
import { missingSegments, parseManifest } from './manifest.js';
import type { VoiceManifest } from './manifest.js';
import { segmentKeys } from './sentence.js';

/** `blocked`: the browser's autoplay policy keeps audio off until someone touches the screen. */
export type AudioStatus = 'idle' | 'loading' | 'ready' | 'playing' | 'blocked' | 'error';

export class AudioBlockedError extends Error {
  override name = 'AudioBlockedError';
}

export interface WebAudioPlayerOptions {
  /** Folder with manifest.json and the clips, absolute or relative to the page. */
  baseUrl?: string;
  /** Made on first use when absent; a test or a page that owns one passes its own. */
  createContext?: () => AudioContext;
  fetch?: typeof fetch;
  onStatus?: (status: AudioStatus) => void;
  /** How long to wait for `resume()`: under the autoplay policy it never settles without a gesture. */
  resumeTimeoutMs?: number;
}

export const defaultVoiceBaseUrl = '/voice/zh-CN/';

// Scheduling slightly ahead of "now" keeps the first clip's onset from being cut by output latency.
const leadSeconds = 0.05;
// Past the sentence's own length, a sentence whose end never comes (a device that went away) is given up.
const stallMarginMs = 3000;

export class WebAudioPlayer {
  status: AudioStatus = 'idle';
  private readonly base: URL;
  private readonly fetchFn: typeof fetch;
  private readonly createContext: () => AudioContext;
  private ctx: AudioContext | undefined;
  private gain: GainNode | undefined;
  private manifest: Promise<VoiceManifest> | undefined;
  private readonly buffers = new Map<string, Promise<AudioBuffer>>();

  constructor(private readonly options: WebAudioPlayerOptions = {}) {
    const baseUrl = options.baseUrl ?? defaultVoiceBaseUrl;
    const page = globalThis.location?.href;
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, page);
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.createContext = options.createContext ?? (() => new AudioContext());
  }

  /** The Announcer's player: resolves when the last segment has finished sounding. */
  readonly play = async (segments: string[], { volume }: { volume: number }): Promise<void> => {
    if (segments.length === 0) return;
    const buffers = await Promise.all(segments.map((key) => this.buffer(key)));
    const ctx = await this.running();
    const gain = this.output(ctx);
    gain.gain.setValueAtTime(volume, ctx.currentTime);
    let at = ctx.currentTime + leadSeconds;
    const sources = buffers.map((buffer) => {
      const source = ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(gain);
      source.start(at);
      at += buffer.duration;
      return source;
    });
    this.setStatus('playing');
    try {
      await new Promise<void>((resolve, reject) => {
        const guard = setTimeout(
          () => reject(new Error('audio output stalled: the sentence never finished')),
          (at - ctx.currentTime) * 1000 + stallMarginMs,
        );
        sources.at(-1)!.onended = () => {
          clearTimeout(guard);
          resolve();
        };
      });
      this.setStatus('ready');
    } catch (err) {
      for (const s of sources) stopQuietly(s);
      this.setStatus(ctx.state === 'running' ? 'error' : 'blocked');
      throw err;
    } finally {
      for (const s of sources) s.disconnect();
    }
  };

  /** The manifest, fetched once; a failed fetch is retried on the next call. */
  load(): Promise<VoiceManifest> {
    this.manifest ??= (async () => {
      this.setStatus('loading');
      const res = await this.fetchFn(new URL('manifest.json', this.base));
      if (!res.ok) throw new Error(`voice pack manifest ${res.url || this.base.href}: HTTP ${res.status}`);
      const manifest = parseManifest(await res.json());
      this.setStatus('ready');
      return manifest;
    })().catch((err: unknown) => {
      this.manifest = undefined;
      this.setStatus('error');
      throw err;
    });
    return this.manifest;
  }

  /** Loads and decodes every clip up front, failing with the list of segments the pack lacks. */
  async preload(keys: readonly string[] = segmentKeys): Promise<void> {
    const manifest = await this.load();
    const missing = missingSegments(manifest, keys);
    if (missing.length) throw new Error(`voice pack at ${this.base.href} lacks segments: ${missing.join(' ')}`);
    await Promise.all(keys.map((key) => this.buffer(key)));
  }

  /** Call from a user gesture (a tap on the screen) to lift the autoplay block; true if audio runs. */
  async unlock(): Promise<boolean> {
    try {
      await this.running();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.ctx?.close();
    this.ctx = undefined;
    this.gain = undefined;
    this.buffers.clear();
  }

  private buffer(key: string): Promise<AudioBuffer> {
    let buffer = this.buffers.get(key);
    if (!buffer) {
      buffer = (async () => {
        const entry = (await this.load()).segments[key];
        if (!entry) throw new Error(`voice pack at ${this.base.href} has no segment "${key}"`);
        const res = await this.fetchFn(new URL(entry.file, this.base));
        if (!res.ok) throw new Error(`voice clip ${entry.file}: HTTP ${res.status}`);
        return this.context().decodeAudioData(await res.arrayBuffer());
      })();
      // Not cached when it failed, so a clip that was briefly unreachable is fetched again next time.
      buffer.catch(() => this.buffers.delete(key));
      this.buffers.set(key, buffer);
    }
    return buffer;
  }

  private context(): AudioContext {
    if (!this.ctx) {
      const ctx = this.createContext();
      ctx.addEventListener('statechange', () => {
        if (ctx.state === 'running' && this.status === 'blocked') this.setStatus('ready');
      });
      this.ctx = ctx;
    }
    return this.ctx;
  }

  private output(ctx: AudioContext): GainNode {
    if (!this.gain) {
      this.gain = ctx.createGain();
      this.gain.connect(ctx.destination);
    }
    return this.gain;
  }

  /** The context, resumed; throws AudioBlockedError when the browser will not let it run. */
  private async running(): Promise<AudioContext> {
    const ctx = this.context();
    if (ctx.state === 'running') return ctx;
    const wait = this.options.resumeTimeoutMs ?? 500;
    await Promise.race([ctx.resume().catch(() => undefined), new Promise((r) => setTimeout(r, wait))]);
    // Re-read: resume() may have changed it (TypeScript narrowed the earlier read).
    if ((ctx.state as AudioContextState) !== 'running') {
      this.setStatus('blocked');
      throw new AudioBlockedError(
        'audio is blocked by the autoplay policy: touch the screen once, or start Chromium with ' +
          '--autoplay-policy=no-user-gesture-required',
      );
    }
    return ctx;
  }

  private setStatus(status: AudioStatus): void {
    if (status === this.status) return;
    // Blocked stays blocked until the audio runs: the voice pack finishing its download (slow on
    // a busy hall PC) must not take the "tap to enable sound" hint off a screen that is still mute.
    if (this.status === 'blocked' && (status === 'loading' || status === 'ready') && this.ctx?.state !== 'running') return;
    this.status = status;
    this.options.onStatus?.(status);
  }
}

function stopQuietly(source: AudioBufferSourceNode): void {
  try {
    source.stop();
  } catch {
    // Already stopped or never started: nothing left to silence.
  }
}
