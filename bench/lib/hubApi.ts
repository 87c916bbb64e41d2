/**
 * Setting a hub up as a city would be: the admin pairs every screen, staff log in and sign in at
 * their windows, tickets are issued; all through the HTTP API (tests/helpers/hub.ts does the same
 * for one hall).
 */
import { Agent, request } from 'node:http';
import type { DeviceKind } from '../../server/auth/principals.js';
import type { ScreenSpec } from './screens.js';
import { ADMIN, DAILY_CAP, PASSWORD, SERVICES, type BenchHall } from './shape.js';

export interface Answer {
  status: number;
  body: any;
}

export class HubApi {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(readonly url: string) {}

  close(): void {
    this.agent.destroy();
  }

  async call(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    try {
      return await this.once(method, path, body, token);
    } catch (err) {
      // A kept-alive connection the server closed meanwhile: send again. Window operations carry
      // a requestId, so a repeat cannot act twice.
      if (!(err as { code?: string }).code) throw err;
      return await this.once(method, path, body, token).catch((again: Error) => {
        throw new Error(`${method} ${path}: ${again.message}`);
      });
    }
  }

  // node:http with a keep-alive agent: the driver shares the machine with the hub, and costs
  // less than fetch per request.
  private once(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((ok, fail) => {
      const req = request(
        `${this.url}${path}`,
        {
          method,
          agent: this.agent,
          headers: { ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              ok({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
            } catch (err) {
              fail(err);
            }
          });
          res.on('error', fail);
        },
      );
      req.on('error', fail);
      req.end(payload);
    });
  }

  /** The call, or an error naming it when the status is not the expected one. */
  async must(status: number, method: string, path: string, body?: unknown, token?: string): Promise<any> {
    const r = await this.call(method, path, body, token);
    if (r.status !== status) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async login(staffId: string): Promise<string> {
    return (await this.must(200, 'POST', '/api/login', { username: staffId, password: PASSWORD })).token as string;
  }

  /** Pair every screen of the city; hall screens first, so screen 0 follows a whole hall. */
  async pairScreens(halls: BenchHall[]): Promise<ScreenSpec[]> {
    const admin = await this.login(ADMIN);
    const pair = async (device: DeviceKind, hallId: string, windowId?: string): Promise<ScreenSpec> => {
      const { token } = await this.must(201, 'POST', '/api/devices', { device, hallId, ...(windowId ? { windowId } : {}) }, admin);
      return { hallId, windowId, auth: { token } };
    };
    const jobs: (() => Promise<ScreenSpec>)[] = [
      ...halls.flatMap((h) => Array.from({ length: h.hallScreens }, () => () => pair('hall-screen', h.id))),
      ...halls.flatMap((h) => h.windows.map((w) => () => pair('window-screen', h.id, w.id))),
    ];
    return pool(jobs, 32);
  }

  /** Log every staffer in and sign them in at their window (post A); their session tokens by window. */
  async staffWindows(halls: BenchHall[]): Promise<Map<string, string>> {
    const windows = halls.flatMap((h) => h.windows);
    const tokens = await pool(
      windows.map((w) => async () => {
        const token = await this.login(w.staffId);
        await this.must(200, 'POST', `/api/windows/${w.id}/sign-in`, { post: 'A' }, token);
        return [w.id, token] as const;
      }),
      32,
    );
    return new Map(tokens);
  }

  /** Issue `perHall` tickets in each hall, spread over its services (the admin at the help desk). */
  async issueTickets(halls: BenchHall[], perHall: number): Promise<void> {
    const perService = Math.ceil(perHall / SERVICES.length);
    if (perService > DAILY_CAP) throw new Error(`${perHall} tickets per hall exceed ${SERVICES.length} services × ${DAILY_CAP} a day: fewer calls, or more halls`);
    const admin = await this.login(ADMIN);
    await pool(
      halls.flatMap((h) => Array.from({ length: perHall }, (_, i) => () => this.must(201, 'POST', `/api/halls/${h.id}/tickets`, { serviceId: SERVICES[i % SERVICES.length]!.id }, admin))),
      32,
    );
  }
}

/** Run jobs with at most `n` at a time; results in the jobs' order. */
export async function pool<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, jobs.length) }, worker));
  return out;
}
