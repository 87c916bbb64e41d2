/**
 * The hall's rules, proven against the scripts that execute them (issue 11). fast-check generates
 * halls (tiers, class orders, ageing limits, re-queue rules, caps, A/B posts shared between windows)
 * and sequences of operations (issue, call, no-show, transfer, recall, start, complete, sign-in and
 * sign-out as A or B, away, back, the clock moving) and runs them on real Redis through the
 * commands. After every step it checks the scripts against server/domain:
 *   - the ticket call_next.lua picks is routing.ts nextTicket over the queues as they stood;
 *   - every waiting ticket's "前面还有 N 人" (position.lua, and issue.lua's count) is routing.ts aheadOf;
 *   - a no-show's fate and new place are requeue.ts noShowFate and requeuedAt (and when it may be
 *     marked at all, noShow.ts noShowTooEarly);
 *   - who may act, and the window's duty after a sign-in, sign-out, away or back, are duty.ts;
 *   - the numbers issued are numbering.ts formatNumber/ticketId, refused past the cap;
 * and at the end a window that calls until nobody waits calls in routing.ts callingOrder's order.
 * The oracle is the domain; the guards the scripts add around it (a busy window, a ticket in the
 * wrong state) are worked out here by hand.
 *
 * Each case is a fresh hall under this file's prefix, deleted after the case (shrinking included).
 * FC_SEED, FC_RUNS and FC_STREAMS replay or widen a run; the seeds and count are printed.
 */
import fc from 'fast-check';
import { callNext } from '../../server/commands/callNext.js';
import { completeTicket } from '../../server/commands/completeTicket.js';
import { Halls, initHalls, type CommandContext } from '../../server/commands/context.js';
import { issueTicket } from '../../server/commands/issueTicket.js';
import { markNoShow } from '../../server/commands/markNoShow.js';
import { markAway } from '../../server/commands/markAway.js';
import { recallTicket } from '../../server/commands/recallTicket.js';
import { markBack } from '../../server/commands/markBack.js';
import { signIn } from '../../server/commands/signIn.js';
import { signOut } from '../../server/commands/signOut.js';
import { startService } from '../../server/commands/startService.js';
import { transferTicket } from '../../server/commands/transferTicket.js';
import { configSchema, parseConfig, type Config, type StaffConfig } from '../../server/config.js';
import { actorRefusal, awayRefusal, backRefusal, isCovering, onDuty, settle, signInRefusal, signOutRefusal, type Posts } from '../../server/domain/duty.js';
import { capReached, formatNumber, ticketId } from '../../server/domain/numbering.js';
import { noShowTooEarly } from '../../server/domain/noShow.js';
import { noShowFate, requeuedAt } from '../../server/domain/requeue.js';
import { aheadOf, callingOrder, classRanks, nextTicket, type CallingRules, type Waiting } from '../../server/domain/routing.js';
import { priorityClasses, type AwayReason, type PriorityClass } from '../../server/domain/ticket.js';
import type { RefusalReason, TicketView, WindowView } from '../../server/protocol.js';
import { HallStore, type Result } from '../../server/store/hallStore.js';
import { hallKeys } from '../../server/store/keys.js';
import { MONDAY_9AM } from '../helpers/hall.js';
import { testRedis } from '../helpers/redis.js';

const SEED = Number(process.env.FC_SEED ?? 20261123);
const RUNS = Number(process.env.FC_RUNS ?? 10_000);
const DAY = '2026-11-23';
const SERVICES = ['s0', 's1', 's2'] as const;
const PREFIXES = ['A', 'B', 'C'] as const;
const MIN = 60_000;

// ---- what is generated ---------------------------------------------------------------------

const tiersArb = fc.array(fc.subarray([0, 1, 2], { minLength: 1 }), { minLength: 1, maxLength: 3 });

// Most tickets go to one service and class, so queues grow long enough for re-queue places,
// same-millisecond ties and ageing to meet; the others still come.
const serviceArb = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat(2) });
const classArb = fc.oneof({ weight: 2, arbitrary: fc.constant('normal' as const) }, { weight: 2, arbitrary: fc.constantFrom(...priorityClasses) });

const hallArb = fc.record({
  windows: fc.array(fc.record({ tiers: tiersArb, sharedB: fc.boolean(), signedIn: fc.constantFrom(true, true, true, false) }), { minLength: 1, maxLength: 3 }),
  /** Tickets issued before the operations, so most operations act on queues that hold some. */
  queued: fc.array(fc.record({ service: serviceArb, priority: classArb }), { maxLength: 6 }),
  /** The window that calls everything it may at the end, to check the whole predicted order. */
  drain: tiersArb,
  classOrder: fc.shuffledSubarray([...priorityClasses], { minLength: 3, maxLength: 3 }),
  ageingMinutes: fc.integer({ min: 1, max: 5 }),
  requeueLimit: fc.integer({ min: 0, max: 2 }),
  requeuePlaces: fc.integer({ min: 0, max: 3 }),
  /** When a no-show may be marked at all (server/domain/noShow.ts): seconds after the call, a recall first. */
  noShowAfterSeconds: fc.constantFrom(0, 0, 60),
  noShowAfterRecall: fc.boolean(),
  caps: fc.tuple(...SERVICES.map(() => fc.constantFrom(999, 2))),
});
type HallShape = typeof hallArb extends fc.Arbitrary<infer T> ? T : never;

const post = fc.constantFrom('A' as const, 'B' as const);
const at = { window: fc.nat(2), post };
const opArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('issue' as const), service: serviceArb, priority: classArb }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('call' as const), ...at }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('noShow' as const), ...at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('start' as const), ...at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('complete' as const), ...at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('recall' as const), ...at }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('transfer' as const), ...at, toWindow: fc.option(fc.nat(3), { nil: undefined }), toService: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('signIn' as const), ...at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('signOut' as const), ...at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('away' as const), ...at, reason: fc.constantFrom<AwayReason>('meeting', 'meal', 'other') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('back' as const), ...at }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.oneof(fc.constantFrom(0, 30_000, MIN), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 20_000, max: 4 * MIN })) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

// ---- the hall under test -------------------------------------------------------------------

// No auto-pipelining: it would send a MULTI (waitingPlaces) ahead of commands queued before it,
// and each step relies on Redis running its operation before the reads behind it.
const { redis, prefix, cleanup } = testRedis('calling-order');
const store = new HallStore(redis, prefix);
let cases = 0;
let operations = 0;

// Defaults filled by the configuration's own schema, once: parsing a configuration per case would
// cost more than the case's Redis work.
const BASE = parseConfig({
  halls: [
    {
      id: 'p0', name: 'property hall', level: 'town',
      schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' },
      services: SERVICES.map((s, i) => ({ id: s, name: s, prefix: PREFIXES[i], standardMinutes: 10 })),
      windows: [{ number: 1, name: 'W1', tiers: [['s0']] }],
    },
  ],
}).halls[0]!;

function hallConfig(id: string, shape: HallShape): Config {
  const windows = [...shape.windows.map((w) => w.tiers), shape.drain];
  const staff: StaffConfig[] = windows.map((_, i) => ({ id: `${id}a${i}`, name: `A${i}`, role: 'staff', posts: [{ window: i + 1, post: 'A' }] }));
  // A B post of its own, or the A of the next window (one person, two windows: signed_in_elsewhere).
  shape.windows.forEach((w, i) => {
    const next = staff[(i + 1) % shape.windows.length]!;
    if (w.sharedB && next !== staff[i]) next.posts.push({ window: i + 1, post: 'B' });
    else staff.push({ id: `${id}b${i}`, name: `B${i}`, role: 'staff', posts: [{ window: i + 1, post: 'B' }] });
  });
  return {
    halls: [
      {
        ...BASE,
        id,
        rules: {
          ...BASE.rules,
          classOrder: shape.classOrder,
          ageingMinutes: shape.ageingMinutes,
          noShowRequeueLimit: shape.requeueLimit,
          noShowRequeuePlaces: shape.requeuePlaces,
          noShowAfterSeconds: shape.noShowAfterSeconds,
          noShowAfterRecall: shape.noShowAfterRecall,
        },
        services: BASE.services.map((s, i) => ({ ...s, dailyCap: shape.caps[i]! })),
        windows: windows.map((tiers, i) => ({ number: i + 1, name: `W${i + 1}`, kind: 'comprehensive', tiers: tiers.map((t) => t.map((x) => SERVICES[x]!)) })),
        staff,
      },
    ],
  };
}

const refusalOf = (r: Result<object>): RefusalReason | null => (r.ok ? null : r.reason);
const postsOf = (w: WindowView): Posts => ({ postA: w.postA, postB: w.postB, awayA: w.awayA, awayB: w.awayB });

async function runCase(shape: HallShape, ops: Op[]): Promise<void> {
  const hallId = `p${++cases}`;
  const config = hallConfig(hallId, shape);
  // The configurations built here are ones the hall file could hold.
  if (cases === 1) expect(configSchema.parse(config)).toEqual(config);
  const hallConf = config.halls[0]!;
  let now = MONDAY_9AM;
  const ctx: CommandContext = { store, halls: new Halls(config), clock: () => now };
  const rules: CallingRules = { classRank: classRanks(shape.classOrder), ageingMs: shape.ageingMinutes * MIN };
  const windowIds = hallConf.windows.map((w) => `${hallId}-${w.number}`);
  const drainId = windowIds.at(-1)!;
  const holder = (w: number, p: 'A' | 'B'): string => hallConf.staff.find((s) => s.posts.some((x) => x.window === w + 1 && x.post === p))!.id;
  const windows = new Map<string, WindowView>(windowIds.map((id, i) => [id, { id, number: i + 1, state: 'closed', covering: false }]));
  const tickets = new Map<string, TicketView>();
  const issued = [0, 0, 0];
  const layout = { services: [...SERVICES], classes: priorityClasses, windowIds };

  /** Keep the tickets and windows the events show. */
  const learn = (r: Result<object>): void => {
    if (!r.ok) return;
    for (const e of r.events) {
      if ('window' in e && e.window) windows.set(e.window.id, e.window);
      if ('ticket' in e && e.ticket) tickets.set(e.ticket.id, e.ticket);
    }
  };
  const elsewhere = (staffId: string): string | undefined => [...windows.values()].find((w) => w.postA === staffId || w.postB === staffId)?.id;

  const ranking = { classes: priorityClasses, classRank: rules.classRank, ageingMs: rules.ageingMs };
  /**
   * Run one operation, then read the queues and positions it left (both reads in one round
   * trip, from one state: Redis runs them in the order sent). Positions
   * are asked of every ticket that may wait afterwards: those waiting, and `mayWait` (a ticket
   * about to be issued, or the window's ticket a no-show or transfer puts back).
   */
  const step = async <R extends Result<object>>(send: (() => Promise<R>) | undefined, mayWait?: string): Promise<{ r: R | undefined; after: Waiting[] }> => {
    const ids = [...tickets.values()].filter((t) => t.status === 'waiting').map((t) => t.id);
    if (mayWait) ids.push(mayWait);
    // The operation first: a command may read before its script (markNoShow asks noShow.ts about
    // the window's ticket), so reads sent beside it could overtake the script.
    const r = await send?.();
    const [after, positions] = await Promise.all([store.waitingPlaces(hallId, layout), store.positions(hallId, ids, ranking, now)]);
    if (r) learn(r);
    // The queues hold exactly the tickets the events left waiting, and each one's position is the domain's.
    const waitingIds = [...tickets.values()].filter((t) => t.status === 'waiting').map((t) => t.id).sort();
    expect(after.map((t) => t.id).sort()).toEqual(waitingIds);
    const byId = new Map(after.map((t) => [t.id, t]));
    const ahead = new Map(ids.map((id, k) => [id, positions[k]?.ahead]));
    expect(waitingIds.map((id) => [id, ahead.get(id)])).toEqual(waitingIds.map((id) => [id, aheadOf(byId.get(id)!, after, rules, now)]));
    return { r, after };
  };

  try {
    // Sent together (one round trip): the windows exist before anyone signs in, as Redis runs them in order.
    const signIns = [[windowIds.length - 1, true] as const, ...shape.windows.map((w, i) => [i, w.signedIn] as const)].filter(([, yes]) => yes);
    const [, ...signedIn] = await Promise.all([initHalls(ctx), ...signIns.map(([i]) => signIn(ctx, { windowId: windowIds[i]!, staffId: holder(i, 'A'), post: 'A' }))]);
    signedIn.forEach(learn);
    let waiting: Waiting[] = [];

    // The hall's first tickets, then the generated operations (the generated arrays are not changed: fast-check replays them).
    for (const op of [...shape.queued.map((q): Op => ({ op: 'issue', ...q })), ...ops]) {
      operations++;
      if (op.op === 'tick') {
        now += op.ms;
        waiting = (await step(undefined)).after;
        continue;
      }
      if (op.op === 'issue') {
        const serviceId = SERVICES[op.service]!;
        const seq = issued[op.service]! + 1;
        const number = formatNumber(PREFIXES[op.service]!, seq);
        const done = await step(() => issueTicket(ctx, { hallId, serviceId, priority: op.priority }), ticketId(hallId, DAY, number));
        const r = done.r!;
        waiting = done.after;
        expect(refusalOf(r)).toBe(capReached(seq, shape.caps[op.service]!) ? 'cap_reached' : null);
        if (r.ok) {
          issued[op.service] = seq;
          expect(r.ticket.number).toBe(number);
          expect(r.ticket.id).toBe(ticketId(hallId, DAY, number));
          expect(r.ahead).toBe(aheadOf(waiting.find((t) => t.id === r.ticket.id)!, waiting, rules, now));
        }
        continue;
      }

      const i = Math.min(op.window, shape.windows.length - 1);
      const windowId = windowIds[i]!;
      const staffId = holder(i, op.post);
      const before = windows.get(windowId)!;
      const current = before.ticketId ? tickets.get(before.ticketId) : undefined;
      const props = { windowId, staffId };
      // The operation and the reads behind it; `waiting` is then the state it left.
      const run = async <R extends Result<object>>(send: () => Promise<R>): Promise<R> => {
        const done = await step(send, op.op === 'noShow' || op.op === 'transfer' ? current?.id : undefined);
        after = done.after;
        return done.r!;
      };
      let after: Waiting[] = waiting;
      /** What to check in the queues once they are read after the step. */
      let afterwards: ((after: Waiting[]) => void) | undefined;
      // The guard of the scripts acting on the window's ticket (_mutate.lua currentTicket), by hand.
      const atTicket = (allowed: TicketView['status'][]): RefusalReason | null =>
        actorRefusal(before, staffId) ?? (!current ? 'no_current_ticket' : !allowed.includes(current.status) ? 'bad_state' : null);

      switch (op.op) {
        case 'call': {
          const busy = before.state === 'called' || before.state === 'serving';
          const expected = actorRefusal(before, staffId) ?? (busy ? 'window_busy' : null);
          const predicted = nextTicket(waiting, { id: windowId, tiers: hallConf.windows[i]!.tiers }, rules, now);
          const r = await run(() => callNext(ctx, props));
          expect(refusalOf(r)).toBe(expected);
          if (r.ok) expect(r.ticket?.id).toBe(predicted?.id);
          break;
        }
        case 'noShow': {
          // The command asks noShow.ts about the window's ticket first, whoever presses.
          const early = current && noShowTooEarly(current, now, shape);
          const expected = early ? 'no_show_too_early' : atTicket(['called']);
          const r = await run(() => markNoShow(ctx, props));
          expect(refusalOf(r)).toBe(expected);
          if (r.ok) {
            const t = current!;
            // Its class queue as it stood when it was marked.
            const queue = waiting.filter((x) => x.place.kind === 'class' && x.place.serviceId === t.serviceId && x.place.priority === t.priority).map((x) => x.queuedAt);
            afterwards = (after) => {
            const placed = after.find((x) => x.id === t.id);
            if (noShowFate(t.noShows + 1, shape, false) === 'requeued') {
              expect(placed).toEqual({ id: t.id, place: { kind: 'class', serviceId: t.serviceId, priority: t.priority }, queuedAt: requeuedAt(queue, shape.requeuePlaces, now) });
            } else {
              expect(placed).toBeUndefined();
              expect(tickets.get(t.id)?.status).toBe('missed');
            }
            };
          }
          break;
        }
        case 'start':
        case 'recall': {
          const r = await run(() => (op.op === 'start' ? startService : recallTicket)(ctx, props));
          expect(refusalOf(r)).toBe(atTicket(['called']));
          break;
        }
        case 'complete': {
          const r = await run(() => completeTicket(ctx, { ...props, outcome: 'completed' }));
          expect(refusalOf(r)).toBe(atTicket(['serving']));
          break;
        }
        case 'transfer': {
          const toWindowId = op.toWindow === undefined ? undefined : windowIds[Math.min(op.toWindow, windowIds.length - 1)]!;
          const expected = atTicket(['called', 'serving']) ?? (toWindowId === windowId ? 'same_window' : null);
          const r = await run(() => (toWindowId !== undefined ? transferTicket(ctx, { ...props, toWindowId }) : transferTicket(ctx, { ...props, toServiceId: SERVICES[op.toService]! })));
          expect(refusalOf(r)).toBe(expected);
          if (r.ok) {
            const place = toWindowId !== undefined ? { kind: 'window', windowId: toWindowId } : { kind: 'service', serviceId: SERVICES[op.toService] };
            afterwards = (after) => expect(after.find((x) => x.id === current!.id)).toEqual({ id: current!.id, place, queuedAt: now });
          }
          break;
        }
        case 'signIn':
        case 'signOut':
        case 'away':
        case 'back': {
          const p = op.post === 'A' ? 'A' : 'B';
          let expected: RefusalReason | null;
          let posts: Posts;
          // Which post this person holds here now (the scripts look it up, not the request).
          const heldHere = before.postA === staffId ? 'A' : before.postB === staffId ? 'B' : undefined;
          let r: Result<object>;
          if (op.op === 'signIn') {
            expected = signInRefusal(before, staffId, p, elsewhere(staffId), windowId);
            // Signing in again at one's own post changes nothing (away stays away: back is its own step).
            posts = heldHere === p ? postsOf(before) : { ...postsOf(before), [`post${p}`]: staffId, [`away${p}`]: undefined };
            r = await run(() => signIn(ctx, { ...props, post: p }));
          } else if (op.op === 'signOut') {
            expected = signOutRefusal(before, staffId);
            posts = { ...postsOf(before), [`post${heldHere}`]: undefined, [`away${heldHere}`]: undefined };
            r = await run(() => signOut(ctx, props));
          } else if (op.op === 'away') {
            expected = awayRefusal(before, staffId);
            posts = { ...postsOf(before), [`away${heldHere}`]: op.reason };
            r = await run(() => markAway(ctx, { ...props, reason: op.reason }));
          } else {
            expected = backRefusal(before, staffId);
            posts = { ...postsOf(before), [`away${heldHere}`]: undefined };
            r = await run(() => markBack(ctx, props));
          }
          expect(refusalOf(r)).toBe(expected);
          if (r.ok) {
            const after = windows.get(windowId)!;
            const state = settle({ ...posts, state: before.state });
            expect({ ...postsOf(after), state: after.state, pauseReason: after.pauseReason, onDuty: after.onDuty, covering: after.covering }).toEqual({
              ...posts,
              state: state.state,
              pauseReason: state.pauseReason,
              onDuty: onDuty(posts),
              covering: isCovering(posts),
            });
          }
          break;
        }
      }
      waiting = after;
      afterwards?.(waiting);
    }

    // The whole predicted order: the drain window calls (and serves) until nobody waits for it.
    const drainTiers = hallConf.windows.at(-1)!.tiers;
    const predicted = callingOrder(waiting, { id: drainId, tiers: drainTiers }, rules, now).map((t) => t.id);
    const drainer = { windowId: drainId, staffId: holder(windowIds.length - 1, 'A') };
    // Sent together, they reach Redis in order: each call takes the window's next ticket.
    const presses = await Promise.all(
      predicted.flatMap(() => [callNext(ctx, drainer), startService(ctx, drainer), completeTicket(ctx, { ...drainer, outcome: 'completed' })]).concat(callNext(ctx, drainer)),
    );
    const called = presses.filter((_, k) => k % 3 === 0).map((r) => (r.ok ? r.ticket?.id : r.reason));
    expect(called).toEqual([...predicted, undefined]);
  } finally {
    // Not awaited: the next case's commands queue behind it on the connection, so the deletion
    // costs no round trip; the file's cleanup sweeps the prefix whatever happens.
    void redis.del(...hallKeys(store.prefix(hallId), { ...layout, staffIds: hallConf.staff.map((s) => s.id), ticketIds: [...tickets.keys()], days: [DAY.replaceAll('-', '')] })).catch(() => undefined);
  }
}

afterAll(cleanup);

/**
 * The cases run in a few streams at once, each its own seeded fast-check run over its own halls:
 * a case spends most of its time waiting for Redis, and the streams fill each other's waits.
 * A failure names its stream's seed and path, and replays alone with FC_SEED=<seed> FC_STREAMS=1.
 */
const STREAMS = Number(process.env.FC_STREAMS ?? 4);

describe('the hall’s rules in server/domain and the Lua scripts that execute them', () => {
  it(`agree on ${RUNS} generated halls and operation sequences`, async () => {
    const started = performance.now();
    const seeds = Array.from({ length: STREAMS }, (_, k) => SEED + k);
    const runs = seeds.map((_, k) => Math.floor(RUNS / STREAMS) + (k < RUNS % STREAMS ? 1 : 0));
    await Promise.all(
      seeds.map((seed, k) =>
        fc.assert(
          fc.asyncProperty(hallArb, fc.array(opArb, { minLength: 1, maxLength: 24 }), (shape, ops) => runCase(shape, ops)),
          { seed, numRuns: runs[k]! },
        ),
      ),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`calling-order differential: ${RUNS} cases, ${operations} operations, seeds ${seeds.join(', ')}, ${seconds}s (FC_SEED, FC_RUNS, FC_STREAMS to change)`);
    // A suite that ran nothing proves nothing.
    expect(cases).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);
});
