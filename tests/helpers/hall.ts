import { parseConfig, type Config } from '../../server/config.js';
import { Halls, initHalls, type WiredContext } from '../../server/commands/context.js';
import { HallStore } from '../../server/store/hallStore.js';
import { testRedis } from './redis.js';

/** Monday 2026-11-23, 09:00 in Shanghai. */
export const MONDAY_9AM = Date.parse('2026-11-23T09:00:00+08:00');

/** A small hall with realistic hours: three services, three windows, A/B posts. */
export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return parseConfig({
    halls: [
      {
        id: 't1',
        name: '测试县政务服务中心',
        level: 'county',
        schedule: { open: '08:30', close: '17:30', lunch: ['12:00', '13:30'], holidays: ['2026-12-25'], workdays: ['2026-11-28'] },
        rules: { ageingMinutes: 30, noShowRequeueLimit: 1, noShowRequeuePlaces: 2 },
        services: [
          { id: 'social', name: '社保医保卫健', prefix: 'A', standardMinutes: 10 },
          { id: 'land', name: '国土城建交通', prefix: 'B', standardMinutes: 15 },
          { id: 'tax', name: '税务', prefix: 'C', standardMinutes: 8, dailyCap: 3, issuingHours: [['09:00', '11:00']] },
        ],
        windows: [
          { number: 1, name: '综合受理一', tiers: [['social'], ['land']] },
          { number: 2, name: '综合受理二', tiers: [['land'], ['social']] },
          { number: 3, name: '税务', kind: 'dedicated', tiers: [['tax']] },
        ],
        staff: [
          { id: 's1', name: '张伟', posts: [{ window: 1, post: 'A' }] },
          { id: 's2', name: '李娜', posts: [{ window: 2, post: 'A' }, { window: 1, post: 'B' }] },
          { id: 's3', name: '王芳', posts: [{ window: 3, post: 'A' }] },
          { id: 's4', name: '刘洋', posts: [{ window: 3, post: 'B' }, { window: 2, post: 'B' }] },
        ],
        ...overrides,
      },
    ],
  });
}

export interface TestHall {
  ctx: WiredContext;
  /** Move the hall's clock. */
  at(epochMs: number): void;
  advance(ms: number): void;
  now(): number;
  cleanup(): Promise<void>;
}

export async function testHall(label: string, config: Config = testConfig(), start = MONDAY_9AM): Promise<TestHall> {
  const { redis, prefix, cleanup } = testRedis(label);
  let now = start;
  const ctx: WiredContext = { store: new HallStore(redis, prefix), halls: new Halls(config), clock: () => now };
  await initHalls(ctx);
  return {
    ctx,
    at: (t) => void (now = t),
    advance: (ms) => void (now += ms),
    now: () => now,
    cleanup,
  };
}
