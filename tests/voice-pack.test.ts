import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { callSegments, callText, compileTemplate, segmentKeys, VoiceTemplateError } from '../display/lib/voice/sentence.js';
import { parseManifest } from '../display/lib/voice/manifest.js';
import { readWavInfo } from '../display/lib/voice/wav.js';
import { AudioBlockedError, WebAudioPlayer } from '../display/lib/voice/webAudioPlayer.js';
import type { AudioStatus } from '../display/lib/voice/webAudioPlayer.js';

const packDir = fileURLToPath(new URL('../display/public/voice/zh-CN/', import.meta.url));
const defaultTemplate = '请{number}号到{window}号窗口办理';

describe('the sentence for a call', () => {
  it('reads the default template with a chime first and the ticket digit by digit', () => {
    expect(callSegments(defaultTemplate, { number: 'A012', window: 3 })).toEqual([
      'chime', 'qing', 'A', '0', '1', '2', 'hao', 'dao', '3', 'hao', 'chuangkou', 'banli',
    ]);
  });

  it.each([
    [1, ['1']],
    [9, ['9']],
    [10, ['10']],
    [12, ['10', '2']],
    [19, ['10', '9']],
    [20, ['2', '10']],
    [21, ['2', '10', '1']],
    [99, ['9', '10', '9']],
    ['7', ['7']],
    [105, ['1', '0', '5']],
  ] as const)('reads window %s as %j', (window, expected) => {
    const segments = callSegments('{number}{window}', { number: 'A', window }).slice(2);
    expect(segments).toEqual(expected);
  });

  it('reads a lower-case ticket number as its capital letters', () => {
    expect(callSegments('{number}号', { number: 'b207', window: 1 })).toEqual(['chime', 'B', '2', '0', '7', 'hao']);
  });

  it('ignores spaces and punctuation in the template and accepts the Chinese placeholder names', () => {
    expect(callSegments('请 {号码} 号，到{窗口}号窗口办理。', { number: 'C5', window: 2 })).toEqual(
      callSegments(defaultTemplate, { number: 'C5', window: 2 }),
    );
  });

  it('gives the sentence as text for screens and tests', () => {
    expect(callText(defaultTemplate, { number: 'A012', window: 3 })).toBe('请A012号到3号窗口办理');
    expect(callText('请{号码}号到{窗口}号窗口', { number: 'A012', window: '15' })).toBe('请A012号到15号窗口');
  });

  it.each([
    ['请{number}号到{window}号柜台办理', /cannot say "柜"/],
    ['请{ticket}号到{window}号窗口办理', /unknown placeholder \{ticket\}/],
    ['请{number号到{window}号窗口办理', /unknown placeholder/],
    ['请{number', /never closed/],
    ['请到{window}号窗口办理', /never says the ticket/],
  ])('refuses the template %s when the hall is configured', (template, message) => {
    expect(() => compileTemplate(template)).toThrow(VoiceTemplateError);
    expect(() => compileTemplate(template)).toThrow(message);
  });

  it('refuses a ticket or window it cannot read', () => {
    expect(() => callSegments(defaultTemplate, { number: 'A 0-1', window: 1 })).toThrow(/A 0-1/);
    expect(() => callSegments(defaultTemplate, { number: 'A001', window: '三' })).toThrow(/window/);
  });

  it('needs only segments the pack has', () => {
    for (let w = 1; w <= 120; w++)
      for (const s of callSegments(defaultTemplate, { number: 'Z999', window: w })) expect(segmentKeys).toContain(s);
  });
});

describe('the voice pack', () => {
  const manifest = parseManifest(JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8')));

  it('lists exactly the segments the sentence builder uses', () => {
    expect(Object.keys(manifest.segments).sort()).toEqual([...segmentKeys].sort());
  });

  it.each(segmentKeys.map((k) => [k]))('has a clip for %s that is a short, audible mono 16-bit WAV', (key) => {
    const entry = manifest.segments[key]!;
    const bytes = readFileSync(join(packDir, entry.file));
    const info = readWavInfo(bytes);
    expect(info.channels).toBe(1);
    expect(info.bitsPerSample).toBe(16);
    expect([16000, 22050]).toContain(info.sampleRate);
    expect(info.durationMs).toBeGreaterThanOrEqual(150);
    expect(info.durationMs).toBeLessThanOrEqual(1500);
    expect(Math.abs(info.durationMs - entry.durationMs)).toBeLessThanOrEqual(2);
    // Not silence: speech peak-normalised to -3 dBFS sits well above 0.05 RMS; a broken clip is near 0.
    expect(rms(bytes)).toBeGreaterThan(0.05);
  });

  it('stays small enough to ship with every screen (under 1.5 MB)', () => {
    const total = readdirSync(packDir).reduce((sum, f) => sum + statSync(join(packDir, f)).size, 0);
    expect(total).toBeLessThan(1.5 * 1024 * 1024);
  });
});

/** Root mean square of a 16-bit PCM WAV's samples, 0 … 1. */
function rms(bytes: Buffer): number {
  const { dataBytes } = readWavInfo(bytes);
  const start = dataStart(bytes);
  let sum = 0;
  const n = dataBytes / 2;
  for (let i = 0; i < n; i++) sum += (bytes.readInt16LE(start + i * 2) / 32768) ** 2;
  return Math.sqrt(sum / n);
}

function dataStart(bytes: Buffer): number {
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = bytes.readUInt32LE(at + 4);
    if (bytes.toString('ascii', at, at + 4) === 'data') return at + 8;
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

describe('the Web Audio player on the real pack', () => {
  const files = async (input: RequestInfo | URL): Promise<Response> => {
    try {
      return new Response(readFileSync(fileURLToPath(String(input))));
    } catch {
      return new Response('missing', { status: 404 });
    }
  };

  it('schedules the clips end to end and finishes when the last one ends', async () => {
    const ctx = new FakeAudioContext('running');
    const player = new WebAudioPlayer({ baseUrl: pathToFileURL(packDir).href, fetch: files, createContext: () => ctx.asAudioContext() });
    const segments = callSegments(defaultTemplate, { number: 'A012', window: 3 });
    await player.play(segments, { volume: 0.5 });
    expect(ctx.started.map((s) => s.file)).toEqual(segments.map((k) => `${k}.wav`));
    for (let i = 1; i < ctx.started.length; i++) {
      const before = ctx.started[i - 1]!;
      expect(ctx.started[i]!.at).toBeCloseTo(before.at + before.duration, 9);
    }
    expect(ctx.gainValues).toEqual([0.5]);
    expect(player.status).toBe('ready');
  });

  it('reports blocked, without hanging, when the autoplay policy keeps audio off', async () => {
    const ctx = new FakeAudioContext('suspended');
    const statuses: AudioStatus[] = [];
    const player = new WebAudioPlayer({
      baseUrl: pathToFileURL(packDir).href,
      fetch: files,
      createContext: () => ctx.asAudioContext(),
      onStatus: (s) => statuses.push(s),
      resumeTimeoutMs: 10,
    });
    await expect(player.play(['chime'], { volume: 1 })).rejects.toThrow(AudioBlockedError);
    expect(statuses.at(-1)).toBe('blocked');
    ctx.state = 'running';
    ctx.dispatch('statechange');
    expect(player.status).toBe('ready');
    await player.play(['chime'], { volume: 1 });
  });

  it('stays blocked while the pack finishes loading after the autoplay check, until the audio runs', async () => {
    const ctx = new FakeAudioContext('suspended');
    let release!: () => void;
    const manifestHeld = new Promise<void>((ok) => (release = ok));
    // The manifest arrives late, after the screen's start-up check found audio blocked.
    const slow = async (input: RequestInfo | URL) => {
      if (String(input).endsWith('manifest.json')) await manifestHeld;
      return files(input);
    };
    const player = new WebAudioPlayer({ baseUrl: pathToFileURL(packDir).href, fetch: slow, createContext: () => ctx.asAudioContext(), resumeTimeoutMs: 10 });
    const loaded = player.preload();
    expect(await player.unlock()).toBe(false);
    expect(player.status).toBe('blocked');
    release();
    await loaded;
    expect(player.status).toBe('blocked');
    ctx.state = 'running';
    ctx.dispatch('statechange');
    expect(player.status).toBe('ready');
  });

  it('names the segments a replacement pack lacks', async () => {
    const partial = async (input: RequestInfo | URL) =>
      String(input).endsWith('manifest.json')
        ? Response.json({ language: 'zh-CN', source: 'human recordings', segments: { chime: { file: 'chime.wav', durationMs: 1250 } } })
        : files(input);
    const player = new WebAudioPlayer({ baseUrl: pathToFileURL(packDir).href, fetch: partial, createContext: () => new FakeAudioContext('running').asAudioContext() });
    await expect(player.preload()).rejects.toThrow(/lacks segments: qing hao dao/);
  });
});

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');
const clipByHash = new Map(
  readdirSync(packDir)
    .filter((f) => f.endsWith('.wav'))
    .map((f) => [sha1(readFileSync(join(packDir, f))), f] as const),
);

/** Just enough of an AudioContext to watch what the player schedules; decodes WAV headers only. */
class FakeAudioContext {
  currentTime = 0;
  readonly started: { file: string; at: number; duration: number }[] = [];
  readonly gainValues: number[] = [];
  private readonly listeners = new Map<string, (() => void)[]>();
  constructor(public state: AudioContextState) {}

  asAudioContext(): AudioContext {
    return this as unknown as AudioContext;
  }
  addEventListener(type: string, fn: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  dispatch(type: string): void {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
  // Like Chromium under the autoplay policy: resume() never settles without a user gesture.
  resume(): Promise<void> {
    return this.state === 'running' ? Promise.resolve() : new Promise(() => {});
  }
  async close(): Promise<void> {}
  get destination() {
    return {};
  }
  async decodeAudioData(data: ArrayBuffer): Promise<AudioBuffer> {
    const info = readWavInfo(new Uint8Array(data));
    // Which clip this is, found by content: the player hands over bytes, not names.
    const file = clipByHash.get(sha1(new Uint8Array(data))) ?? '?';
    return { duration: info.durationMs / 1000, file } as unknown as AudioBuffer;
  }
  createGain() {
    return { connect() {}, gain: { setValueAtTime: (v: number) => this.gainValues.push(v) } };
  }
  createBufferSource() {
    const ctx = this;
    const source = {
      buffer: null as (AudioBuffer & { file: string }) | null,
      onended: null as (() => void) | null,
      connect() {},
      disconnect() {},
      stop() {},
      start(at: number) {
        ctx.started.push({ file: source.buffer!.file, at, duration: source.buffer!.duration });
        setTimeout(() => source.onended?.(), 0);
      },
    };
    return source;
  }
}
