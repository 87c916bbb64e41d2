import { Announcer } from '../../display/lib/voice/announcer.js';
import type { AnnouncerOptions, Player } from '../../display/lib/voice/announcer.js';
import { startHallVoice } from '../../display/lib/voice/index.js';
import { VoiceTemplateError } from '../../display/lib/voice/sentence.js';

/** A player whose every sentence stays "playing" until the test finishes it by hand. */
function handPlayer() {
  const plays: { segments: string[]; volume: number; finish: () => void; fail: (err: Error) => void }[] = [];
  const play: Player = (segments, { volume }) =>
    new Promise<void>((resolve, reject) => plays.push({ segments, volume, finish: resolve, fail: reject }));
  return { play, plays };
}

// Gaps are awaited as plain microtasks, so one macrotask turn lets the queue run as far as it can.
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function announcer(play: Player, options: Partial<AnnouncerOptions> = {}) {
  const log = { warn: vi.fn(), error: vi.fn() };
  const gaps: number[] = [];
  const a = new Announcer({
    play,
    repeat: 1,
    log,
    sleep: async (ms) => {
      gaps.push(ms);
    },
    ...options,
  });
  return { a, log, gaps };
}

const text = (segments: string[]) => segments.join(' ');

describe('the announcer', () => {
  it('says three calls made in quick succession in order, each starting only after the one before has finished', async () => {
    const { play, plays } = handPlayer();
    const { a } = announcer(play);
    a.announce({ number: 'A001', window: 1 });
    a.announce({ number: 'A002', window: 2 });
    a.announce({ number: 'B003', window: 12 });
    await settle();
    expect(plays).toHaveLength(1);
    expect(text(plays[0]!.segments)).toBe('chime qing A 0 0 1 hao dao 1 hao chuangkou banli');
    expect(a.pending).toBe(2);

    plays[0]!.finish();
    await settle();
    expect(plays).toHaveLength(2);
    expect(text(plays[1]!.segments)).toBe('chime qing A 0 0 2 hao dao 2 hao chuangkou banli');

    plays[1]!.finish();
    await settle();
    expect(plays).toHaveLength(3);
    expect(text(plays[2]!.segments)).toBe('chime qing B 0 0 3 hao dao 10 2 hao chuangkou banli');
    plays[2]!.finish();
    await a.idle();
    expect(a.spoken).toEqual(['请A001号到1号窗口办理', '请A002号到2号窗口办理', '请B003号到12号窗口办理']);
  });

  it('never cuts off the call being said when a new call arrives', async () => {
    const { play, plays } = handPlayer();
    const { a } = announcer(play);
    a.announce({ number: 'A001', window: 1 });
    await settle();
    for (let i = 2; i <= 5; i++) a.announce({ number: `A00${i}`, window: i });
    await settle();
    expect(plays).toHaveLength(1);
    expect(a.spoken).toEqual(['请A001号到1号窗口办理']);
  });

  it('says a recalled ticket again', async () => {
    const { play, plays } = handPlayer();
    const { a } = announcer(play);
    a.announce({ number: 'A012', window: 3 });
    await settle();
    plays[0]!.finish();
    await a.idle();
    a.announce({ number: 'A012', window: 3 });
    await settle();
    expect(plays).toHaveLength(2);
    expect(plays[1]!.segments).toEqual(plays[0]!.segments);
    plays[1]!.finish();
    await a.idle();
    expect(a.spoken).toEqual(['请A012号到3号窗口办理', '请A012号到3号窗口办理']);
  });

  it('says each call as many times as the repeat count, with the gap between sayings', async () => {
    const { play, plays } = handPlayer();
    const { a, gaps } = announcer(play, { repeat: 3, gapMs: 700 });
    a.announce({ number: 'C100', window: 20 });
    a.announce({ number: 'C101', window: 21 });
    for (let i = 0; i < 3; i++) {
      await settle();
      expect(plays).toHaveLength(i + 1);
      expect(text(plays[i]!.segments)).toContain('C 1 0 0 hao dao 2 10 hao');
      plays[i]!.finish();
    }
    await settle();
    expect(plays).toHaveLength(4);
    expect(text(plays[3]!.segments)).toContain('C 1 0 1 hao dao 2 10 1 hao');
    expect(gaps).toEqual([700, 700, 700]);
    expect(a.spoken).toEqual(['请C100号到20号窗口办理', '请C101号到21号窗口办理']);
  });

  it('defaults to saying each call twice', () => {
    expect(new Announcer({ play: async () => {} }).repeat).toBe(2);
  });

  it('moves on to the next call when the player fails, and logs why', async () => {
    const { play, plays } = handPlayer();
    const { a, log } = announcer(play, { repeat: 2 });
    a.announce({ number: 'A001', window: 1 });
    a.announce({ number: 'A002', window: 2 });
    await settle();
    plays[0]!.fail(new Error('clip 0.wav did not decode'));
    await settle();
    // The failed call's second saying is skipped: it would fail the same way.
    expect(plays).toHaveLength(2);
    expect(text(plays[1]!.segments)).toContain('A 0 0 2');
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('请A001号到1号窗口办理'), expect.any(Error));
  });

  it('moves on when the player throws before returning a promise', async () => {
    let n = 0;
    const played: string[][] = [];
    const { a, log } = announcer((segments) => {
      if (n++ === 0) throw new Error('no audio device');
      played.push(segments);
      return Promise.resolve();
    });
    a.announce({ number: 'A001', window: 1 });
    a.announce({ number: 'A002', window: 2 });
    await a.idle();
    expect(played.map(text)).toEqual(['chime qing A 0 0 2 hao dao 2 hao chuangkou banli']);
    expect(log.error).toHaveBeenCalledOnce();
  });

  it('gives up on a player that never finishes, so the queue is not stalled', async () => {
    const played: string[] = [];
    const { a, log } = announcer(
      (segments) => {
        played.push(text(segments));
        return played.length === 1 ? new Promise<void>(() => {}) : Promise.resolve();
      },
      { playTimeoutMs: 20 },
    );
    a.announce({ number: 'A001', window: 1 });
    a.announce({ number: 'A002', window: 2 });
    await a.idle();
    expect(played).toHaveLength(2);
    expect(log.error).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ message: expect.stringContaining('20 ms') }));
  });

  it('when muted plays nothing but still records and drains every call', async () => {
    const play = vi.fn<Player>(async () => {});
    const { a } = announcer(play, { muted: true });
    a.announce({ number: 'A001', window: 1 });
    a.announce({ number: 'A002', window: 2 });
    a.announce({ number: 'A003', window: 3 });
    await a.idle();
    expect(play).not.toHaveBeenCalled();
    expect(a.pending).toBe(0);
    expect(a.spoken).toEqual(['请A001号到1号窗口办理', '请A002号到2号窗口办理', '请A003号到3号窗口办理']);
  });

  it('stops repeating a call as soon as it is muted, and speaks again once unmuted', async () => {
    const { play, plays } = handPlayer();
    const { a } = announcer(play, { repeat: 2 });
    a.announce({ number: 'A001', window: 1 });
    await settle();
    a.muted = true;
    plays[0]!.finish();
    await a.idle();
    expect(plays).toHaveLength(1);
    a.muted = false;
    a.announce({ number: 'A002', window: 2 });
    await settle();
    expect(plays).toHaveLength(2);
  });

  it('passes the volume to the player, keeping it between 0 and 1', async () => {
    const { play, plays } = handPlayer();
    const { a } = announcer(play, { volume: 0.4 });
    a.announce({ number: 'A001', window: 1 });
    await settle();
    expect(plays[0]!.volume).toBe(0.4);
    a.volume = 3;
    plays[0]!.finish();
    a.announce({ number: 'A002', window: 2 });
    await settle();
    expect(plays[1]!.volume).toBe(1);
    expect(() => (a.volume = Number.NaN)).toThrow(RangeError);
  });

  it('reports each sentence to onSpeak as it begins', async () => {
    const onSpeak = vi.fn();
    const { a } = announcer(async () => {}, { onSpeak, muted: true });
    a.announce({ number: 'B007', window: 10 });
    await a.idle();
    expect(onSpeak).toHaveBeenCalledWith({
      text: '请B007号到10号窗口办理',
      segments: ['chime', 'qing', 'B', '0', '0', '7', 'hao', 'dao', '10', 'hao', 'chuangkou', 'banli'],
      call: { number: 'B007', window: 10 },
      muted: true,
    });
  });

  it('drops the oldest waiting call with a warning when a flood fills the queue', async () => {
    const { play, plays } = handPlayer();
    const { a, log } = announcer(play, { maxQueue: 3 });
    for (let i = 1; i <= 5; i++) a.announce({ number: `A00${i}`, window: i });
    await settle();
    // A001 is being said; A002 and A003 waited longest and were dropped for A004 and A005.
    expect(a.pending).toBe(3);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('请A002号到2号窗口办理'));
    for (let i = 0; i < 4; i++) {
      plays[i]!.finish();
      await settle();
    }
    expect(a.spoken).toEqual(['请A001号到1号窗口办理', '请A003号到3号窗口办理', '请A004号到4号窗口办理', '请A005号到5号窗口办理']);
  });

  it('refuses a template the voice pack cannot say when the screen starts', () => {
    expect(() => new Announcer({ play: async () => {}, template: '请{number}号到{window}号柜台' })).toThrow(VoiceTemplateError);
  });

  it('refuses a ticket number it cannot read at once, leaving the queue untouched', () => {
    const { a } = announcer(async () => {});
    expect(() => a.announce({ number: 'A-12', window: 1 })).toThrow(/A-12/);
    expect(a.pending).toBe(0);
    expect(a.spoken).toEqual([]);
  });
});

describe('the hall voice on a screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    delete window.__announcer;
  });

  it('exposes its announcer as window.__announcer for end-to-end tests', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('not here', { status: 404 })));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { announcer: a } = startHallVoice({ template: '请{number}号到{window}号窗口办理', settings: { muted: true } });
    expect(window.__announcer).toBe(a);
    a.announce({ number: 'A012', window: 3 });
    await a.idle();
    expect(window.__announcer?.spoken).toEqual(['请A012号到3号窗口办理']);
    await vi.waitFor(() => expect(error).toHaveBeenCalledWith(expect.stringContaining('voice pack'), expect.any(Error)));
    error.mockRestore();
  });

  it('refuses voice settings with a typo', () => {
    expect(() => startHallVoice({ settings: { volumn: 0.5 } })).toThrow(/volumn/);
  });
});
