import { press, Refused } from '../../../counter/lib/http.js';

/** A hub that answers each call with the next scripted reply, and records the bodies it got. */
function hub(replies: (() => Response)[]) {
  const bodies: { requestId: string }[] = [];
  const fetchFn = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    const next = replies.shift();
    if (!next) throw new Error('no more replies');
    return next();
  }) as typeof fetch;
  return { fetchFn, bodies };
}
const lost = () => {
  throw new TypeError('fetch failed');
};

describe('one press of a counter button', () => {
  it('sends one request id, and the same id again when it retries after a lost answer', async () => {
    const { fetchFn, bodies } = hub([lost, () => Response.json({ error: 'internal' }, { status: 500 }), () => Response.json({ ticket: { number: 'A001' } })]);
    const r = await press('/api/windows/t1-1/call-next', 'tok', {}, { fetchFn, backoffMs: 1 });
    expect(r.body.ticket.number).toBe('A001');
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies.map((b) => b.requestId)).size).toBe(1);
    expect(bodies[0]!.requestId).toMatch(/^[A-Za-z0-9_.:-]{8,64}$/);
  });

  it('gives each new press a new id', async () => {
    const { fetchFn, bodies } = hub([() => new Response(null, { status: 204 }), () => new Response(null, { status: 204 })]);
    await press('/api/windows/t1-1/call-next', 'tok', {}, { fetchFn });
    await press('/api/windows/t1-1/call-next', 'tok', {}, { fetchFn });
    expect(bodies[0]!.requestId).not.toBe(bodies[1]!.requestId);
  });

  it('does not retry a refusal: it is an answer, with its stable code', async () => {
    const { fetchFn, bodies } = hub([() => Response.json({ error: 'window_paused', message: 'the window is paused' }, { status: 409 })]);
    const err = await press('/api/windows/t1-1/call-next', 'tok', {}, { fetchFn }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Refused);
    expect((err as Refused).code).toBe('window_paused');
    expect(bodies).toHaveLength(1);
  });
});
