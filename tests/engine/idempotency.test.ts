import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { signIn } from '../../server/commands/signIn.js';
import { startService } from '../../server/commands/startService.js';
import { testHall, type TestHall } from '../helpers/hall.js';
import { scanPrefix } from '../../server/store/redisClient.js';

let h: TestHall;
beforeEach(async () => {
  h = await testHall('idem');
  await signIn(h.ctx, { windowId: 't1-1', staffId: 's1', post: 'A' });
});
afterEach(() => h.cleanup());

const w1 = { windowId: 't1-1', staffId: 's1' };

describe('request ids', () => {
  it('answers a double-pressed "next" with the first result and skips no ticket', async () => {
    for (let i = 0; i < 3; i++) await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    const first = await callNext(h.ctx, { ...w1, requestId: 'press-1' });
    const before = await h.ctx.store.lastEventId('t1');
    const second = await callNext(h.ctx, { ...w1, requestId: 'press-1' });
    expect(second).toEqual(first);
    expect(await h.ctx.store.lastEventId('t1')).toBe(before);
    // Both presses at once (two taps racing over the network): still one ticket.
    await startService(h.ctx, w1);
    await completeTicket(h.ctx, { ...w1, outcome: 'completed' });
    const [a, b] = await Promise.all([callNext(h.ctx, { ...w1, requestId: 'press-2' }), callNext(h.ctx, { ...w1, requestId: 'press-2' })]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: true, ticket: { number: 'A002' } });
    await startService(h.ctx, w1);
    await completeTicket(h.ctx, { ...w1, outcome: 'completed' });
    expect(await callNext(h.ctx, { ...w1, requestId: 'press-3' })).toMatchObject({ ok: true, ticket: { number: 'A003' } });
  });

  it('issues one ticket for a repeated kiosk request', async () => {
    const a = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social', requestId: 'kiosk-7' });
    const b = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social', requestId: 'kiosk-7' });
    expect(b).toEqual(a);
    const c = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social', requestId: 'kiosk-8' });
    expect(c).toMatchObject({ ok: true, ticket: { number: 'A002' } });
  });

  it('repeats a refusal rather than acting later under the same id', async () => {
    const refused = await callNext(h.ctx, { windowId: 't1-1', staffId: 's3', requestId: 'r-1' });
    expect(refused).toMatchObject({ ok: false, reason: 'not_signed_in' });
    expect(await callNext(h.ctx, { windowId: 't1-1', staffId: 's3', requestId: 'r-1' })).toEqual(refused);
  });

  it('keeps the same id from two windows apart: each press gets its own ticket', async () => {
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    await signIn(h.ctx, { windowId: 't1-2', staffId: 's2', post: 'A' });
    const one = await callNext(h.ctx, { ...w1, requestId: 'shared-id' });
    const two = await callNext(h.ctx, { windowId: 't1-2', staffId: 's2', requestId: 'shared-id' });
    expect(one).toMatchObject({ ok: true, ticket: { number: 'A001', windowId: 't1-1' } });
    expect(two).toMatchObject({ ok: true, ticket: { number: 'A002', windowId: 't1-2' } });
  });

  it('keeps a record only for calls that carry an id (others cannot be repeated)', async () => {
    const reqKeys = () => scanPrefix(h.ctx.store.redis, `${h.ctx.store.prefix('t1')}req:`); // every master of a cluster
    const before = (await reqKeys()).length;
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    expect((await reqKeys()).length).toBe(before);
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social', requestId: 'kiosk-9' });
    expect((await reqKeys()).length).toBe(before + 1);
  });

  it('keeps ids of different operations apart', async () => {
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social', requestId: 'same' });
    const called = await callNext(h.ctx, { ...w1, requestId: 'same' });
    expect(called).toMatchObject({ ok: true, ticket: { number: 'A001', status: 'called' } });
  });
});

describe('a request id reused for another request', () => {
  it('refuses the same press id with another outcome (request_id_reused) and changes nothing', async () => {
    await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' });
    await callNext(h.ctx, w1);
    await startService(h.ctx, w1);
    const done = await completeTicket(h.ctx, { ...w1, outcome: 'completed', requestId: 'finish-1' });
    expect(done).toMatchObject({ ok: true });
    const before = await h.ctx.store.lastEventId('t1');
    expect(await completeTicket(h.ctx, { ...w1, outcome: 'consultation', requestId: 'finish-1' })).toEqual({ ok: false, reason: 'request_id_reused' });
    // The same press again is the first answer, rate token included (not a fresh one).
    expect(await completeTicket(h.ctx, { ...w1, outcome: 'completed', requestId: 'finish-1' })).toEqual(done);
    expect(await h.ctx.store.lastEventId('t1')).toBe(before);
  });

  it('keeps one caller’s issue id apart from another’s, and refuses it for another service', async () => {
    const a = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social', requestId: 'tap-1', caller: 'device:k1' });
    const b = await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social', requestId: 'tap-1', caller: 'device:k2' });
    expect(a).toMatchObject({ ok: true, ticket: { number: 'A001' } });
    expect(b).toMatchObject({ ok: true, ticket: { number: 'A002' } });
    expect(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'land', requestId: 'tap-1', caller: 'device:k1' })).toEqual({ ok: false, reason: 'request_id_reused' });
  });
});
