import { describe, expect, it } from 'vitest';
import { noShowTooEarly } from '../../server/domain/noShow.js';

const CALL = Date.parse('2026-11-23T09:00:00+08:00');
const SEC = 1000;

describe('when a no-show counts (过号)', () => {
  const rules = { noShowAfterSeconds: 60, noShowAfterRecall: false };

  it('refuses 1.5 s after the call, saying 59 seconds are left', () => {
    // 60 − 1.5 = 58.5 seconds left, said as 59: never "0 seconds" while still refused.
    expect(noShowTooEarly({ calledAt: CALL, recalls: 0 }, CALL + 1.5 * SEC, rules)).toEqual({ recallFirst: false, secondsLeft: 59 });
  });

  it('counts from the hall’s minimum on, not a millisecond before', () => {
    expect(noShowTooEarly({ calledAt: CALL, recalls: 0 }, CALL + 59_999, rules)).toEqual({ recallFirst: false, secondsLeft: 1 });
    expect(noShowTooEarly({ calledAt: CALL, recalls: 0 }, CALL + 60 * SEC, rules)).toBeNull();
  });

  it('asks for a recall first when the hall wants one, however long ago the call was', () => {
    const recallFirst = { noShowAfterSeconds: 60, noShowAfterRecall: true };
    expect(noShowTooEarly({ calledAt: CALL, recalls: 0 }, CALL + 10 * 60 * SEC, recallFirst)).toEqual({ recallFirst: true });
    expect(noShowTooEarly({ calledAt: CALL, recalls: 1 }, CALL + 10 * 60 * SEC, recallFirst)).toBeNull();
    // A recall does not shorten the time since the call.
    expect(noShowTooEarly({ calledAt: CALL, recalls: 1 }, CALL + 30 * SEC, recallFirst)).toEqual({ recallFirst: false, secondsLeft: 30 });
  });

  it('has no minimum when the hall sets none', () => {
    expect(noShowTooEarly({ calledAt: CALL, recalls: 0 }, CALL, { noShowAfterSeconds: 0, noShowAfterRecall: false })).toBeNull();
  });
});
