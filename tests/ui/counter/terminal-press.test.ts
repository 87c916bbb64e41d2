/**
 * The terminal's presses while one is in flight are ignored, not queued (docs/counter.md): a quick
 * F1 N must never mark the citizen just called as a no-show, and a double press calls one ticket.
 * The hub is a scripted fetch: this is the terminal's own logic; tests/e2e/counter.test.ts drives
 * the real hub.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Terminal } from '../../../counter/terminal/terminal.svelte.js';
import type { HallSnapshot, WindowView } from '../../../server/protocol.js';

const idle: WindowView = { id: 't1-1', number: 1, state: 'idle', postA: 's1', onDuty: 's1', covering: false };
const called: WindowView = { ...idle, state: 'called', ticketId: 't1-20261123-A001', ticketNumber: 'A001' };
const snapshot = (w: WindowView, lastEventId: number): HallSnapshot => ({ hallId: 't1', lastEventId, date: '20261123', windows: [w], queues: [], recentCalls: [], waiting: [] });
const ticket = { id: 't1-20261123-A001', number: 'A001', serviceId: 'social', priority: 'normal', status: 'called', issuedAt: 1, recalls: 0, noShows: 0, transfers: 0, windowId: 't1-1' };

let calls: string[];
let answers: Map<string, Promise<Response>>;
let term: Terminal;

beforeEach(() => {
  calls = [];
  answers = new Map();
  vi.stubGlobal('fetch', (url: string) => {
    const action = url.split('/').pop()!;
    calls.push(action);
    return answers.get(action) ?? Promise.resolve(new Response(null, { status: 204 }));
  });
  term = new Terminal(window.sessionStorage);
  term.session = { token: 'tok', staff: { id: 's1', name: '张敏', role: 'staff', hallId: 't1' } };
  term.live = snapshot(idle, 10);
});
afterEach(() => vi.unstubAllGlobals());

/** An answer the test releases when it chooses. */
function held(): { promise: Promise<Response>; release: (r: Response) => void } {
  let release!: (r: Response) => void;
  const promise = new Promise<Response>((ok) => (release = ok));
  return { promise, release };
}

describe('presses while one is in flight', () => {
  it('ignores every key until the answer is back, even once the live screen shows the call', async () => {
    const next = held();
    answers.set('call-next', next.promise);
    const first = term.act('call-next');
    expect(term.busy).toBe('call-next');
    await term.act('call-next'); // F1 again: a double press
    term.live = snapshot(called, 11); // the live screen shows A001 called before the HTTP answer
    await term.act('no-show'); // N at once: must not mark A001 before the staffer saw it
    await term.act('recall');
    expect(calls).toEqual(['call-next']);
    next.release(Response.json({ ticket, window: called }));
    await first;
    expect(term.busy).toBeNull();
    expect(term.message?.kind).toBe('ok');
    // Once the answer is in, keys act again.
    await term.act('recall');
    expect(calls).toEqual(['call-next', 'recall']);
  });
});
