/**
 * Bearer tokens in Redis, shared by every hub: staff sessions (12 h) and device pairings (until
 * revoked). Only a hash of each token is stored, so a Redis dump leaks no usable token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { DeviceKind, Principal } from './principals.js';
import { authKey } from '../store/keys.js';

const SESSION_SECONDS = 12 * 3600;
const digest = (token: string): string => createHash('sha256').update(token).digest('base64url');

export class TokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  private key(kind: 'session' | 'device', token: string): string {
    return authKey(this.keyPrefix, kind, digest(token));
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
   * Pair a device. A fixed `token` lets a demo keep the same screen URLs across restarts.
   */
  async createDevice(device: { device: DeviceKind; hallId: string; windowId?: string; kioskId?: string }, token = randomBytes(24).toString('base64url')): Promise<string> {
    const principal: Principal = { kind: 'device', deviceId: digest(token).slice(0, 12), ...device };
    await this.redis.set(this.key('device', token), JSON.stringify(principal));
    return token;
  }

  /** The principal a bearer token stands for, or null. */
  async resolve(token: string | undefined): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const [session, device] = await this.redis.mget(this.key('session', token), this.key('device', token));
    const raw = session ?? device;
    return raw ? (JSON.parse(raw) as Principal) : null;
  }
}
