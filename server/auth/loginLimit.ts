/**
 * Login attempts, counted in Redis so that every hub behind one load balancer shares the limit
 * (express-rate-limit with a store of our own: one atomic script per attempt, defined on the hub's
 * ioredis connection, which re-sends the script by itself after a Redis restart flushed it).
 *
 * Two limits: per address and 工号 (one person mistyping does not lock out the hall's shared
 * network), and per address alone, looser, so that a flood of made-up usernames from one place
 * is stopped too instead of filling Redis with counters.
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { RedisClient } from '../store/redisClient.js';
import { loginLimitPrefix } from '../store/keys.js';

const WINDOW_MS = 15 * 60_000;

// KEYS[1] the counter; ARGV[1] the window in ms. Returns { hits, ms until the counter resets }.
const incrementLua = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { hits, ttl }`;

type LimitRedis = RedisClient & { ycLoginAttempt(key: string, windowMs: number): Promise<[number, number]> };

export class RedisLimitStore implements Store {
  private windowMs = WINDOW_MS;
  private readonly redis: LimitRedis;

  constructor(
    redis: RedisClient,
    readonly prefix: string,
  ) {
    if (!('ycLoginAttempt' in redis)) redis.defineCommand('ycLoginAttempt', { numberOfKeys: 1, lua: incrementLua });
    this.redis = redis as LimitRedis;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const [totalHits, ms] = await this.redis.ycLoginAttempt(this.prefix + key, this.windowMs);
    return { totalHits, resetTime: new Date(Date.now() + ms) };
  }

  async decrement(key: string): Promise<void> {
    await this.redis.decr(this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}

// A 工号 is short (the login schema allows 40 characters); anything else counts as one "other".
const usernameOf = (body: unknown): string => {
  const u = (body as { username?: unknown } | undefined)?.username;
  return typeof u === 'string' && u.length <= 40 ? u : '(other)';
};

/** Where each limiter leaves its count on the request (express-rate-limit's `requestPropertyName`). */
const counted = { address: 'loginLimitAddress', user: 'loginLimitUser' } as const;
interface Count {
  limit: number;
  used: number;
  remaining: number;
  resetTime?: Date;
}

const secondsUntil = (at: Date | undefined): number => Math.max(1, Math.ceil(((at?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));

/**
 * What a login attempt leaves: the attempts left before the tighter of the two limits stops this
 * address and 工号, and, when none are left, the seconds until it lets them try again.
 */
export function attemptsLeft(req: Request): { attemptsLeft: number; retryAfterSeconds?: number } {
  const counts = Object.values(counted).map((name) => (req as unknown as Record<string, Count | undefined>)[name]).filter((c): c is Count => !!c);
  if (!counts.length) return { attemptsLeft: 0 };
  const tightest = counts.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  return tightest.remaining > 0 ? { attemptsLeft: tightest.remaining } : { attemptsLeft: 0, retryAfterSeconds: secondsUntil(tightest.resetTime) };
}

const tooMany =
  (message: string, name: string): Options['handler'] =>
  (req, res) =>
    res.status(429).json({ error: 'too_many_attempts', message, retryAfterSeconds: secondsUntil((req as unknown as Record<string, Count | undefined>)[name]?.resetTime) });

/** The login limits: `perUser` attempts per address and 工号, `perAddress` per address, in 15 minutes. */
export function loginLimits(redis: RedisClient, keyPrefix: string, perUser: number, perAddress = 20 * perUser): RequestHandler[] {
  const store = (name: string) => new RedisLimitStore(redis, loginLimitPrefix(keyPrefix, name));
  const common = { windowMs: WINDOW_MS, standardHeaders: 'draft-8', legacyHeaders: false } as const;
  return [
    rateLimit({
      ...common,
      limit: perAddress,
      store: store('address'),
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
      requestPropertyName: counted.address,
      handler: tooMany('too many login attempts from this address: wait 15 minutes', counted.address),
    }),
    rateLimit({
      ...common,
      limit: perUser,
      store: store('user'),
      keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${usernameOf(req.body)}`,
      requestPropertyName: counted.user,
      handler: tooMany('too many login attempts: wait 15 minutes', counted.user),
    }),
  ];
}
