import { io, type Socket } from 'socket.io-client';
import type { DeviceKind } from '../../server/auth/principals.js';
import { parseConfig, type Config } from '../../server/config.js';
import { startHub, type Hub, type HubOptions } from '../../server/hub.js';
import type { ClientToServerEvents, ServerToClientEvents, SocketAuth } from '../../server/protocol.js';
import { testConfig } from './hall.js';
import { checkResponse } from './responses.js';
import { deleteByPrefix, REDIS_TARGET, testRedis } from './redis.js';

/** The test hall with passwords ("pw-<id>"), a manager, an inspector and an admin. */
export function hubConfig(overrides: Record<string, unknown> = {}): Config {
  const base = testConfig(overrides);
  const hall = base.halls[0]!;
  const raw = {
    halls: [
      {
        ...hall,
        staff: [
          ...hall.staff.map((s) => ({ ...s, password: `pw-${s.id}` })),
          { id: 'm1', name: '周主任', role: 'manager', password: 'pw-m1' },
          { id: 'i1', name: '吴督查', role: 'inspector', password: 'pw-i1' },
          { id: 'a1', name: '管理员', role: 'admin', password: 'pw-a1' },
        ],
      },
    ],
  };
  return parseConfig(raw);
}

export interface TestHub {
  hub: Hub;
  prefix: string;
  url: string;
  /** fetch against the hub, JSON in and out. */
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  login(staffId: string): Promise<string>;
  device(device: DeviceKind, windowId?: string): Promise<string>;
  socket(auth: SocketAuth): Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Stop this hub (keeps Redis keys), e.g. to restart it. */
  stop(): Promise<void>;
  /** Start the stopped hub again: same Redis and prefix, on the same port (clients reconnect). */
  restart(): Promise<void>;
  /** Start another hub on the same Redis and prefix. */
  another(options?: Partial<HubOptions>): Promise<Hub>;
  cleanup(): Promise<void>;
}

export async function testHub(label: string, options: Partial<HubOptions> & { config?: Config } = {}): Promise<TestHub> {
  const { redis, prefix } = testRedis(label);
  const config = options.config ?? hubConfig();
  const base: HubOptions = { config, redisUrl: REDIS_TARGET, keyPrefix: prefix, port: 0, jobs: false, staticDir: 'dist', ...options };
  let hub = await startHub(base);
  const others: Hub[] = [];
  const sockets: Socket[] = [];
  const api = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    // Every answer the API tests receive is what its route declares (tests/helpers/responses.ts).
    checkResponse(hub.routes, method, path, res.status, parsed);
    return { status: res.status, body: parsed as any };
  };
  let adminToken: string | undefined;
  const t: TestHub = {
    get hub() {
      return hub;
    },
    prefix,
    get url() {
      return hub.url;
    },
    api,
    async login(staffId) {
      const r = await api('POST', '/api/login', { username: staffId, password: `pw-${staffId}` });
      if (r.status !== 200) throw new Error(`login ${staffId}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    async device(device, windowId) {
      adminToken ??= await t.login('a1');
      const hallId = config.halls[0]!.id;
      const r = await api('POST', '/api/devices', { device, hallId, ...(windowId ? { windowId } : {}), ...(device === 'kiosk' ? { kioskId: `${hallId}-kiosk-1` } : {}) }, adminToken);
      if (r.status !== 201) throw new Error(`device ${device}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    socket(auth) {
      const s = io(hub.url, { auth, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300 });
      sockets.push(s);
      return s;
    },
    async stop() {
      await hub.close();
    },
    async restart() {
      hub = await startHub({ ...base, port: hub.port });
    },
    async another(extra = {}) {
      const h = await startHub({ ...base, ...extra });
      others.push(h);
      return h;
    },
    async cleanup() {
      for (const s of sockets) s.close();
      for (const h of others) await h.close().catch(() => {});
      await hub.close().catch(() => {});
      await deleteByPrefix(redis, prefix);
      redis.disconnect();
    },
  };
  return t;
}

/** Wait until a predicate holds (polling), or fail after `ms`. */
export async function until<T>(fn: () => T | Promise<T>, ms = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
