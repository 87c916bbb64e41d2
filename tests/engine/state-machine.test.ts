import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callNext } from '../../server/commands/callNext.js';
import { cancelTicket } from '../../server/commands/cancelTicket.js';
import { closeWindow } from '../../server/commands/closeWindow.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { markNoShow } from '../../server/commands/markNoShow.js';
import { markAway } from '../../server/commands/markAway.js';
import { recallTicket } from '../../server/commands/recallTicket.js';
import { markBack } from '../../server/commands/markBack.js';
import { signIn } from '../../server/commands/signIn.js';
import { signOut } from '../../server/commands/signOut.js';
import { startService } from '../../server/commands/startService.js';
import { transferTicket } from '../../server/commands/transferTicket.js';
import { testConfig, testHall, type TestHall } from '../helpers/hall.js';

let h: TestHall;
beforeEach(async () => {
  h = await testHall('state');
});
afterEach(() => h.cleanup());

const w1 = { windowId: 't1-1', staffId: 's1' };
const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  expect(r).toMatchObject({ ok: true });
  return r as Extract<T, { ok: true }>;
};
const issue = async (serviceId = 'social') => {
  h.advance(1000);
  return ok(await issueTicket(h.ctx, { hallId: 't1', serviceId })).ticket;
};
const lastEventId = () => h.ctx.store.lastEventId('t1');

describe('ticket life', () => {
  it('walks issued → called → serving → done, one event per step', async () => {
    const t = await issue();
    expect(t).toMatchObject({ number: 'A001', status: 'waiting' });
    ok(await signIn(h.ctx, { ...w1, post: 'A' }));
    const called = ok(await callNext(h.ctx, w1));
    expect(called.ticket).toMatchObject({ id: t.id, status: 'called', windowId: 't1-1', windowNumber: 1, firstResponder: 's1' });
    expect(called.window).toMatchObject({ state: 'called', ticketNumber: 'A001' });
    h.advance(60_000);
    const started = ok(await startService(h.ctx, w1));
    expect(started.ticket).toMatchObject({ status: 'serving', startedAt: h.now() });
    const done = ok(await completeTicket(h.ctx, { ...w1, outcome: 'completed' }));
    expect(done.ticket).toMatchObject({ status: 'done', outcome: 'completed' });
    expect(done.window).toMatchObject({ state: 'idle' });
    expect(done.window?.ticketId).toBeUndefined();
    const events = await h.ctx.store.eventsAfter('t1', 0, 100);
    expect(events!.map((e) => e.type)).toEqual(['ticket.issued', 'staff.signedIn', 'ticket.called', 'ticket.started', 'ticket.completed']);
    expect(events!.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('counts recalls and allows them only while called', async () => {
    await issue();
    await signIn(h.ctx, { ...w1, post: 'A' });
    expect(await recallTicket(h.ctx, w1)).toMatchObject({ ok: false, reason: 'no_current_ticket' });
    await callNext(h.ctx, w1);
    ok(await recallTicket(h.ctx, w1));
    expect(ok(await recallTicket(h.ctx, w1)).ticket?.recalls).toBe(2);
    await startService(h.ctx, w1);
    expect(await recallTicket(h.ctx, w1)).toMatchObject({ ok: false, reason: 'bad_state' });
  });

  it('re-queues a no-show a few places back, then marks it missed past the limit', async () => {
    const first = await issue();
    const others = [await issue(), await issue(), await issue()];
    await signIn(h.ctx, { ...w1, post: 'A' });
    await callNext(h.ctx, w1);
    // 1.5 s after the call the citizen may still be walking over: 60 − 1.5 = 58.5, so 59 s left.
    h.advance(1500);
    expect(await markNoShow(h.ctx, w1)).toMatchObject({ ok: false, reason: 'no_show_too_early', detail: '59' });
    h.advance(58_500); // a minute after the call (the test hall's default)
    const noShow = ok(await markNoShow(h.ctx, w1));
    expect(noShow.ticket).toMatchObject({ id: first.id, status: 'waiting', noShows: 1 });
    // noShowRequeuePlaces = 2: A002, A003, then A001 again, then A004.
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = ok(await callNext(h.ctx, w1));
      order.push(c.ticket!.number);
      if (c.ticket!.id === first.id) {
        h.advance(60_000);
        const missed = ok(await markNoShow(h.ctx, w1));
        expect(missed.ticket).toMatchObject({ status: 'missed', noShows: 2 });
      } else {
        await startService(h.ctx, w1);
        await completeTicket(h.ctx, { ...w1, outcome: 'completed' });
      }
    }
    expect(others.map((t) => t.number)).toEqual(['A002', 'A003', 'A004']);
    expect(order).toEqual(['A002', 'A003', 'A001', 'A004']);
    expect(ok(await callNext(h.ctx, w1)).ticket).toBeUndefined();
  });

  it('asks for a recall before a no-show when the hall’s rules say so, and changes nothing meanwhile', async () => {
    const strict = await testHall('state-recall', testConfig({ rules: { noShowAfterSeconds: 30, noShowAfterRecall: true, noShowRequeueLimit: 1, noShowRequeuePlaces: 2 } }));
    try {
      ok(await issueTicket(strict.ctx, { hallId: 't1', serviceId: 'social' }));
      await signIn(strict.ctx, { ...w1, post: 'A' });
      await callNext(strict.ctx, w1);
      strict.advance(5 * 60_000);
      const before = await strict.ctx.store.lastEventId('t1');
      expect(await markNoShow(strict.ctx, w1)).toMatchObject({ ok: false, reason: 'no_show_too_early', detail: 'recall' });
      expect(await strict.ctx.store.lastEventId('t1')).toBe(before);
      ok(await recallTicket(strict.ctx, w1));
      expect(ok(await markNoShow(strict.ctx, w1)).ticket).toMatchObject({ number: 'A001', status: 'waiting', noShows: 1 });
    } finally {
      await strict.cleanup();
    }
  });

  it('transfers keep the number and first responder, and reach the target window first', async () => {
    const t = await issue();
    await issue('land');
    await signIn(h.ctx, { ...w1, post: 'A' });
    await signIn(h.ctx, { windowId: 't1-2', staffId: 's2', post: 'A' });
    await callNext(h.ctx, w1);
    await startService(h.ctx, w1);
    const moved = ok(await transferTicket(h.ctx, { ...w1, toWindowId: 't1-2' }));
    expect(moved.ticket).toMatchObject({ id: t.id, number: 'A001', status: 'waiting', transfers: 1, firstResponder: 's1', transferTo: 't1-2' });
    // The hall screen's recent calls still say which window called it.
    const hall = h.ctx.halls.get('t1')!;
    const layout = { windows: hall.windowIds(), services: hall.serviceIds(), classes: hall.classes };
    expect((await h.ctx.store.snapshot('t1', layout)).recentCalls).toMatchObject([{ number: 'A001', windowNumber: 1, status: 'called' }]);
    const at2 = ok(await callNext(h.ctx, { windowId: 't1-2', staffId: 's2' }));
    expect(at2.ticket).toMatchObject({ number: 'A001', firstResponder: 's1', staffId: 's2' });
    expect((await h.ctx.store.snapshot('t1', layout)).recentCalls).toMatchObject([{ number: 'A001', windowNumber: 2 }]);
  });

  it('keeps the 20 newest calls for the hall screens, newest first, however many were made', async () => {
    const issued = [];
    for (let i = 0; i < 45; i++) issued.push(await issue());
    await signIn(h.ctx, { ...w1, post: 'A' });
    for (let i = 0; i < 45; i++) {
      ok(await callNext(h.ctx, w1));
      ok(await startService(h.ctx, w1));
      ok(await completeTicket(h.ctx, { ...w1, outcome: 'completed' }));
    }
    const hall = h.ctx.halls.get('t1')!;
    const snapshot = await h.ctx.store.snapshot('t1', { windows: hall.windowIds(), services: hall.serviceIds(), classes: hall.classes });
    expect(snapshot.recentCalls.map((t) => t.number)).toEqual(issued.slice(25).reverse().map((t) => t.number));
    const kept = await h.ctx.store.redis.zcard(`${h.ctx.store.prefix('t1')}calls`);
    expect(kept).toBeGreaterThanOrEqual(20);
    expect(kept).toBeLessThanOrEqual(36);
  });

  it('keeps the recent calls bounded whatever rhythm the events come in', async () => {
    // Issue, call, start, complete: every call's event id lands on the same residue of 4.
    await signIn(h.ctx, { ...w1, post: 'A' });
    const key = `${h.ctx.store.prefix('t1')}calls`;
    let most = 0;
    for (let i = 0; i < 60; i++) {
      await issue();
      ok(await callNext(h.ctx, w1));
      ok(await startService(h.ctx, w1));
      ok(await completeTicket(h.ctx, { ...w1, outcome: 'completed' }));
      most = Math.max(most, await h.ctx.store.redis.zcard(key));
    }
    expect(most).toBeLessThanOrEqual(36);
  });

  it('refuses transfers to itself, to unknown windows and services, and changes nothing', async () => {
    await issue();
    await signIn(h.ctx, { ...w1, post: 'A' });
    await callNext(h.ctx, w1);
    const before = await lastEventId();
    expect(await transferTicket(h.ctx, { ...w1, toWindowId: 't1-1' })).toMatchObject({ ok: false, reason: 'same_window' });
    expect(await transferTicket(h.ctx, { ...w1, toWindowId: 't1-99' })).toMatchObject({ ok: false, reason: 'unknown_window' });
    expect(await transferTicket(h.ctx, { ...w1, toServiceId: 'nope' })).toMatchObject({ ok: false, reason: 'unknown_service' });
    expect(await lastEventId()).toBe(before);
  });

  it('cancels a waiting ticket only, and only with its tracking token', async () => {
    const issued = ok(await issueTicket(h.ctx, { hallId: 't1', serviceId: 'social' }));
    expect(await cancelTicket(h.ctx, { ticketId: issued.ticket.id, trackToken: 'wrong', reason: 'citizen' })).toMatchObject({ ok: false, reason: 'unknown_ticket' });
    ok(await cancelTicket(h.ctx, { ticketId: issued.ticket.id, trackToken: issued.trackToken, reason: 'citizen' }));
    expect(await cancelTicket(h.ctx, { ticketId: issued.ticket.id, reason: 'manager' })).toMatchObject({ ok: false, reason: 'bad_state' });
    await signIn(h.ctx, { ...w1, post: 'A' });
    expect(ok(await callNext(h.ctx, w1)).ticket).toBeUndefined();
  });

  it('refuses out-of-order operations without changing anything', async () => {
    await issue();
    await signIn(h.ctx, { ...w1, post: 'A' });
    const before = await lastEventId();
    expect(await startService(h.ctx, w1)).toMatchObject({ ok: false, reason: 'no_current_ticket' });
    expect(await completeTicket(h.ctx, { ...w1, outcome: 'completed' })).toMatchObject({ ok: false, reason: 'no_current_ticket' });
    expect(await markNoShow(h.ctx, w1)).toMatchObject({ ok: false, reason: 'no_current_ticket' });
    expect(await lastEventId()).toBe(before);
    await callNext(h.ctx, w1);
    expect(await completeTicket(h.ctx, { ...w1, outcome: 'completed' })).toMatchObject({ ok: false, reason: 'bad_state', detail: 'called' });
    expect(await callNext(h.ctx, w1)).toMatchObject({ ok: false, reason: 'window_busy', detail: 'A001' });
    expect(await signOut(h.ctx, w1)).toMatchObject({ ok: false, reason: 'window_busy' });
    expect(await markAway(h.ctx, { ...w1, reason: 'meal' })).toMatchObject({ ok: false, reason: 'window_busy' });
    expect(await closeWindow(h.ctx, { windowId: 't1-1', by: 'm1' })).toMatchObject({ ok: false, reason: 'window_busy' });
  });

  it('refuses unknown windows and staff who are not signed in there', async () => {
    expect(await callNext(h.ctx, { windowId: 't1-42', staffId: 's1' })).toMatchObject({ ok: false, reason: 'unknown_window' });
    expect(await callNext(h.ctx, { windowId: 'zz-1', staffId: 's1' })).toMatchObject({ ok: false, reason: 'unknown_window' });
    expect(await callNext(h.ctx, w1)).toMatchObject({ ok: false, reason: 'window_closed' });
    await signIn(h.ctx, { ...w1, post: 'A' });
    expect(await callNext(h.ctx, { windowId: 't1-1', staffId: 's3' })).toMatchObject({ ok: false, reason: 'not_signed_in' });
  });
});

describe('attendance at a window', () => {
  it('signs in only at a post the staffer holds, at one window at a time', async () => {
    expect(await signIn(h.ctx, { windowId: 't1-1', staffId: 's3', post: 'A' })).toMatchObject({ ok: false, reason: 'not_your_post' });
    expect(await signIn(h.ctx, { windowId: 't1-1', staffId: 'ghost', post: 'A' })).toMatchObject({ ok: false, reason: 'unknown_staff' });
    ok(await signIn(h.ctx, { windowId: 't1-2', staffId: 's2', post: 'A' }));
    expect(await signIn(h.ctx, { windowId: 't1-1', staffId: 's2', post: 'B' })).toMatchObject({ ok: false, reason: 'signed_in_elsewhere', detail: 't1-2' });
    // Signing in again where one already is: no new event.
    const before = await lastEventId();
    ok(await signIn(h.ctx, { windowId: 't1-2', staffId: 's2', post: 'A' }));
    expect(await lastEventId()).toBe(before);
  });

  it('pauses with a reason, refuses calls while paused, resumes', async () => {
    await issue();
    ok(await signIn(h.ctx, { ...w1, post: 'A' }));
    const paused = ok(await markAway(h.ctx, { ...w1, reason: 'meeting' }));
    expect(paused.window).toMatchObject({ state: 'paused', pauseReason: 'meeting', awayA: 'meeting' });
    expect(paused.window.onDuty).toBeUndefined();
    expect(await callNext(h.ctx, w1)).toMatchObject({ ok: false, reason: 'staff_away' });
    expect(await markAway(h.ctx, { ...w1, reason: 'meal' })).toMatchObject({ ok: false, reason: 'staff_away' });
    const back = ok(await markBack(h.ctx, w1));
    expect(back.window).toMatchObject({ state: 'idle', onDuty: 's1', covering: false });
    expect(ok(await callNext(h.ctx, w1)).ticket?.number).toBe('A001');
  });

  it('lets the B post take over while A is away, and hands back when A returns', async () => {
    await issue();
    await signIn(h.ctx, { ...w1, post: 'A' });
    await markAway(h.ctx, { ...w1, reason: 'errand' });
    const cover = ok(await signIn(h.ctx, { windowId: 't1-1', staffId: 's2', post: 'B' }));
    expect(cover.window).toMatchObject({ state: 'idle', onDuty: 's2', covering: true, postA: 's1', awayA: 'errand' });
    const called = ok(await callNext(h.ctx, { windowId: 't1-1', staffId: 's2' }));
    expect(called.ticket).toMatchObject({ staffId: 's2', firstResponder: 's2' });
    await startService(h.ctx, { windowId: 't1-1', staffId: 's2' });
    await completeTicket(h.ctx, { windowId: 't1-1', staffId: 's2', outcome: 'consultation' });
    const back = ok(await markBack(h.ctx, w1));
    expect(back.window).toMatchObject({ onDuty: 's1', covering: false });
    const out = ok(await signOut(h.ctx, { windowId: 't1-1', staffId: 's2' }));
    expect(out.window).toMatchObject({ state: 'idle', postA: 's1' });
    const last = ok(await signOut(h.ctx, w1));
    expect(last.window).toMatchObject({ state: 'closed' });
  });

  it('shows a window paused when only an away post remains, closed when nobody does', async () => {
    await signIn(h.ctx, { ...w1, post: 'A' });
    await signIn(h.ctx, { windowId: 't1-1', staffId: 's2', post: 'B' });
    await markAway(h.ctx, { ...w1, reason: 'training' });
    const out = ok(await signOut(h.ctx, { windowId: 't1-1', staffId: 's2' }));
    expect(out.window).toMatchObject({ state: 'paused', pauseReason: 'training' });
    const closed = ok(await closeWindow(h.ctx, { windowId: 't1-1', by: 'manager' }));
    expect(closed.window).toMatchObject({ state: 'closed' });
    // Closing signs everyone out: s1 may sign in elsewhere now.
    expect(await signIn(h.ctx, { ...w1, post: 'A' })).toMatchObject({ ok: true });
  });

  it('refuses a second person on a taken post', async () => {
    // The rota changed mid-day (the file allows one holder per post): whoever sits there keeps it.
    const config = testConfig();
    config.halls[0]!.staff.push({ id: 's5', name: '赵敏', role: 'staff', posts: [{ window: 2, post: 'B' }] });
    const other = await testHall('state-post', config);
    try {
      await signIn(other.ctx, { windowId: 't1-2', staffId: 's4', post: 'B' });
      expect(await signIn(other.ctx, { windowId: 't1-2', staffId: 's5', post: 'B' })).toMatchObject({ ok: false, reason: 'post_taken', detail: 's4' });
    } finally {
      await other.cleanup();
    }
  });
});
