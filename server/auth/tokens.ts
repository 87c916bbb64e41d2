/**
 * Bearer tokens in Redis, shared by every hub: staff sessions (12 h) and device pairings (until
 * revoked). Only a hash of each token is stored, so a Redis dump leaks no usable token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DeviceKind, Principal } from './principals.js';
import { authKey } from '../store/keys.js';
import { isCluster, type RedisClient } from '../store/redisClient.js';
import { byCodeUnits } from '../domain/order.js';

const SESSION_SECONDS = 12 * 3600;
const digest = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** A session's id: the hash its key is stored under (never the token), also its socket room's name. */
export const sessionId = digest;

/**
 * Why a session ended while a terminal or dashboard followed the hall with it: another terminal
 * logged in as the same staffer and took the desk over, the staffer logged out, or its 12 hours
 * ran out. Its sockets are told, then closed (server/realtime/socketHub.ts).
 */
export type SessionEnd = 'taken_over' | 'logged_out' | 'expired';

/** A paired device as the hall's list keeps it: who it is and when it was paired (epoch ms). */
export type PairedDevice = Extract<Principal, { kind: 'device' }> & { pairedAt: number };

export class TokenStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
  ) {}

  private key(kind: 'session' | 'device', token: string): string {
    return authKey(this.keyPrefix, kind, digest(token));
  }

  private byId(kind: 'session' | 'ended', id: string): string {
    return authKey(this.keyPrefix, kind, id);
  }

  /**
   * Sessions, pairings and ended-session notes kept before their keys had the digest as a hash tag
   * (`auth:device:<digest>`) are renamed once to the tagged names, so screens paired before an
   * upgrade stay paired. Only a single server can hold such keys: a cluster never ran without tags.
   */
  async renameUntaggedKeys(): Promise<number> {
    if (isCluster(this.redis)) return 0;
    const untagged = new RegExp(`^${this.keyPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}auth:(session|device|ended):([^{}]+)$`);
    let renamed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.keyPrefix}auth:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const m = untagged.exec(key);
        if (m) renamed += await this.redis.renamenx(key, authKey(this.keyPrefix, m[1] as 'session' | 'device' | 'ended', m[2]!));
      }
    } while (cursor !== '0');
    return renamed;
  }

  private deskKey(staffId: string): string {
    return `${this.keyPrefix}auth:desk:${staffId}`;
  }

  async createSession(principal: Extract<Principal, { kind: 'staff' }>): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.redis.set(this.key('session', token), JSON.stringify(principal), 'EX', SESSION_SECONDS);
    return token;
  }

  async endSession(token: string): Promise<void> {
    await this.redis.del(this.key('session', token));
  }

  /**
   * End a session by its id and remember why for as long as it could have lived, so its terminal
   * is told on its next request (401 `taken_over`) even if it missed the socket's notice.
   */
  async endSessionById(id: string, why: SessionEnd): Promise<void> {
    await this.redis.multi().del(this.byId('session', id)).set(this.byId('ended', id), why, 'EX', SESSION_SECONDS).exec();
  }

  /** Why this token's session was ended by the hub, if it was (null: unknown, expired or logged out). */
  async endedWhy(token: string | undefined): Promise<SessionEnd | null> {
    if (!token || token.length > 200) return null;
    return (await this.redis.get(this.byId('ended', digest(token)))) as SessionEnd | null;
  }

  /** Milliseconds this token's staff session has left (0: it is over). */
  async sessionMsLeft(token: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.key('session', token)));
  }

  /** This session holds the staffer's desk (it signed in at a window, or took the desk over). */
  async holdDesk(staffId: string, token: string): Promise<void> {
    await this.redis.set(this.deskKey(staffId), digest(token), 'EX', SESSION_SECONDS);
  }

  /** The id of the session holding the staffer's desk, if that session is still open. */
  async deskHolder(staffId: string): Promise<string | null> {
    const id = await this.redis.get(this.deskKey(staffId));
    return id && (await this.redis.exists(this.byId('session', id))) ? id : null;
  }

  /**
   * Pair a device. A fixed `token` lets a demo keep the same screen URLs across restarts.
   */
  async createDevice(device: { device: DeviceKind; hallId: string; windowId?: string; kioskId?: string }, token = randomBytes(24).toString('base64url')): Promise<string> {
    const principal: Principal = { kind: 'device', deviceId: digest(token).slice(0, 12), ...device };
    const paired: PairedDevice = { ...principal, pairedAt: Date.now() };
    // The hall's list of paired devices keeps the token's digest (never the token), so revoking finds its key.
    // Two keys in two cluster slots, so two commands: the pairing first (a crash between leaves a working
    // device missing from the list, like a pairing made before the list existed, never a listed one that fails).
    await this.redis.set(this.key('device', token), JSON.stringify(principal));
    await this.redis.hset(this.devicesKey(device.hallId), principal.deviceId, JSON.stringify({ ...paired, digest: digest(token) }));
    return token;
  }

  private devicesKey(hallId: string): string {
    return `${this.keyPrefix}auth:devices:${hallId}`;
  }

  /** The devices paired to a hall (pairings made before this list existed are not in it). */
  async devices(hallId: string): Promise<PairedDevice[]> {
    const all = await this.redis.hvals(this.devicesKey(hallId));
    return all
      .map((raw) => {
        const { digest: _d, ...d } = JSON.parse(raw) as PairedDevice & { digest: string };
        return d;
      })
      .sort((a, b) => byCodeUnits(a.device, b.device) || byCodeUnits(a.windowId ?? '', b.windowId ?? '') || a.pairedAt - b.pairedAt);
  }

  /** Revoke a pairing: its token stops working at once (a connected screen is refused on its next connect). */
  async revokeDevice(hallId: string, deviceId: string): Promise<PairedDevice | null> {
    const raw = await this.redis.hget(this.devicesKey(hallId), deviceId);
    if (!raw) return null;
    const { digest: d, ...device } = JSON.parse(raw) as PairedDevice & { digest: string };
    // The token first: once this returns the device is refused; a crash before the list entry goes leaves it listed, and revoking again finishes.
    await this.redis.del(authKey(this.keyPrefix, 'device', d));
    await this.redis.hdel(this.devicesKey(hallId), deviceId);
    return device;
  }

  /** The principal a bearer token stands for, or null. */
  async resolve(token: string | undefined): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const [session, device] = await this.redis.mget(this.key('session', token), this.key('device', token));
    const raw = session ?? device;
    return raw ? (JSON.parse(raw) as Principal) : null;
  }
}
