/**
 * One first-in-first-out announcer per screen. A new call waits for the one being spoken and never
 * cuts it off (Novo SGA #78: a call interrupted by the next one is a call nobody heard). A recall
 * is simply announced again. The player is injected, so the queue is tested without audio.
 */
import { callSegments, callText, compileTemplate, defaultVoiceTemplate } from './sentence.js';
import type { CallToAnnounce, CompiledTemplate } from './sentence.js';

/** Plays the segments back to back and resolves when the last one has finished. */
export type Player = (segments: string[], options: { volume: number }) => Promise<void>;

export interface Spoken {
  /** The sentence as text, e.g. "请A012号到3号窗口办理". */
  text: string;
  segments: string[];
  call: CallToAnnounce;
  /** True when the announcer was muted: recorded, not played. */
  muted: boolean;
}

export interface AnnouncerOptions {
  play: Player;
  /** The hall's `voiceTemplate`; checked here, so a bad one fails when the screen starts. */
  template?: string;
  /** How many times each call is said. */
  repeat?: number;
  /** Silence between two sayings, of one call or of two calls. */
  gapMs?: number;
  muted?: boolean;
  /** 0 (silent) … 1 (the pack's level). */
  volume?: number;
  /** Calls waiting beyond this drop the oldest waiting one: a flood must not leave the hall an hour behind. */
  maxQueue?: number;
  /** A player that neither resolves nor rejects in this time is given up on, so the queue moves on. */
  playTimeoutMs?: number;
  /** How many spoken sentences `spoken` keeps (a screen runs all day). */
  historySize?: number;
  onSpeak?: (spoken: Spoken) => void;
  log?: Pick<Console, 'warn' | 'error'>;
  sleep?: (ms: number) => Promise<void>;
}

export const announcerDefaults = {
  repeat: 2,
  gapMs: 800,
  volume: 1,
  maxQueue: 50,
  playTimeoutMs: 30_000,
  historySize: 200,
} as const;

/** The options that do not change after construction, defaults filled. */
type Fixed = Required<Pick<AnnouncerOptions, 'play' | 'gapMs' | 'maxQueue' | 'playTimeoutMs' | 'historySize' | 'log' | 'sleep'>> &
  Pick<AnnouncerOptions, 'onSpeak'>;

export class Announcer {
  /** Sentences in the order they began to be said (once per announcement, not per repeat). */
  readonly spoken: string[] = [];
  readonly template: CompiledTemplate;
  muted: boolean;
  private volumeLevel: number;
  private repeatCount: number;
  private readonly waiting: CallToAnnounce[] = [];
  // Set and cleared synchronously, so a call queued as the last one finishes is never left behind.
  private draining = false;
  private running: Promise<void> = Promise.resolve();
  private readonly opts: Fixed;

  constructor(options: AnnouncerOptions) {
    this.template = compileTemplate(options.template ?? defaultVoiceTemplate);
    this.muted = options.muted ?? false;
    this.volumeLevel = clampVolume(options.volume ?? announcerDefaults.volume);
    this.repeatCount = checkRepeat(options.repeat ?? announcerDefaults.repeat);
    this.opts = {
      play: options.play,
      gapMs: options.gapMs ?? announcerDefaults.gapMs,
      maxQueue: Math.max(1, options.maxQueue ?? announcerDefaults.maxQueue),
      playTimeoutMs: options.playTimeoutMs ?? announcerDefaults.playTimeoutMs,
      historySize: options.historySize ?? announcerDefaults.historySize,
      onSpeak: options.onSpeak,
      log: options.log ?? console,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
  }

  get volume(): number {
    return this.volumeLevel;
  }

  set volume(v: number) {
    this.volumeLevel = clampVolume(v);
  }

  get repeat(): number {
    return this.repeatCount;
  }

  set repeat(n: number) {
    this.repeatCount = checkRepeat(n);
  }

  /** Calls waiting to be said (not counting the one being said). */
  get pending(): number {
    return this.waiting.length;
  }

  /** Queues a call (or a recall) to be said after everything before it. */
  announce(call: CallToAnnounce): void {
    // Segments are built now so a ticket the pack cannot say is refused at once, not later in the queue.
    callSegments(this.template, call);
    if (this.waiting.length >= this.opts.maxQueue) {
      const dropped = this.waiting.shift()!;
      this.opts.log.warn(
        `announcer: ${this.opts.maxQueue} calls waiting; dropped the oldest, ${callText(this.template, dropped)}`,
      );
    }
    this.waiting.push({ number: call.number, window: call.window });
    if (!this.draining) {
      this.draining = true;
      this.running = this.drain();
    }
  }

  /** Resolves once every queued call has been said. */
  async idle(): Promise<void> {
    while (this.draining) await this.running;
  }

  private async drain(): Promise<void> {
    let first = true;
    try {
      for (let call = this.waiting.shift(); call; call = this.waiting.shift()) {
        const segments = callSegments(this.template, call);
        const text = callText(this.template, call);
        const muted = this.muted;
        this.record({ text, segments, call, muted });
        // Muted: recorded and drained at once, so unmuting later does not replay a backlog.
        for (let i = 0; i < this.repeatCount && !this.muted; i++) {
          if (!first) await this.opts.sleep(this.opts.gapMs);
          first = false;
          try {
            await this.playOnce(segments);
          } catch (err) {
            // A broken clip or a blocked audio device must not hold up every call after this one;
            // the remaining repeats of this call would most likely fail the same way, so skip them.
            this.opts.log.error(`announcer: could not say ${text}:`, err);
            break;
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async playOnce(segments: string[]): Promise<void> {
    // Started before the watchdog, so a player that throws at once leaves no timer behind.
    const playing = this.opts.play([...segments], { volume: this.volumeLevel });
    const { playTimeoutMs } = this.opts;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watchdog = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`player did not finish within ${playTimeoutMs} ms`)), playTimeoutMs);
    });
    try {
      await Promise.race([playing, watchdog]);
    } finally {
      clearTimeout(timer);
    }
  }

  private record(spoken: Spoken): void {
    this.spoken.push(spoken.text);
    if (this.spoken.length > this.opts.historySize) this.spoken.splice(0, this.spoken.length - this.opts.historySize);
    try {
      this.opts.onSpeak?.(spoken);
    } catch (err) {
      this.opts.log.error('announcer: onSpeak hook failed:', err);
    }
  }
}

function clampVolume(v: number): number {
  if (!Number.isFinite(v)) throw new RangeError(`volume must be a number from 0 to 1, not ${v}`);
  return Math.min(1, Math.max(0, v));
}

function checkRepeat(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new RangeError(`repeat must be a whole number from 1 to 5, not ${n}`);
  return n;
}
