import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, isRefusal, retryDelay } from '../../display/lib/reconnect.js';

describe('when a page tries the hub again', () => {
  it('waits 0.5 s, 1 s, 2 s … and never more than 10 s, however long the outage', () => {
    const noJitter = { ...DEFAULT_RETRY, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5, 6, 50, 5000].map((n) => retryDelay(n, noJitter))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('spreads a hall’s screens ±20 % around the wait', () => {
    expect(retryDelay(1, DEFAULT_RETRY, () => 0)).toBe(800);
    expect(retryDelay(1, DEFAULT_RETRY, () => 0.5)).toBe(1000);
    expect(retryDelay(1, DEFAULT_RETRY, () => 0.999999)).toBe(1200);
  });

  it('stops only at a real refusal of the token or the request', () => {
    for (const code of ['unauthorized', 'taken_over', 'forbidden', 'bad_request', 'not_found']) expect(isRefusal(code)).toBe(true);
    for (const code of ['unavailable', 'internal', undefined, 'anything else']) expect(isRefusal(code)).toBe(false);
  });
});
