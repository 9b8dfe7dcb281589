import { LRUCache } from 'lru-cache';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/**
 * The state haos-server replicas share: short-lived keys (caches, join markers, delegations), a
 * schedule of due work (delegated delayed-event restarts) that one replica at a time claims, and
 * rate limiters. Redis when HAOS_REDIS_URL is set, so any replica can answer any request; memory
 * otherwise (one replica).
 */
export interface SharedStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets the key only if it is absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes the key; true when it existed. */
  delete(key: string): Promise<boolean>;
  /** Reads and deletes the key in one step, so only one replica ever gets the value. */
  take(key: string): Promise<string | undefined>;
  /** Puts `member` on the schedule, due at `atMs` (replacing an earlier time). */
  schedule(member: string, atMs: number): Promise<void>;
  unschedule(member: string): Promise<void>;
  /**
   * Members due by `nowMs`, at most `limit`; each is pushed to `nowMs + leaseMs` in the same step,
   * so another replica does not take it meanwhile, and a replica that dies mid-work leaves it to
   * be claimed again once the lease runs out.
   */
  claimDue(nowMs: number, leaseMs: number, limit: number): Promise<string[]>;
  limiter(options: {
    keyPrefix: string;
    points: number;
    durationSeconds: number;
  }): RateLimiterAbstract;
  close(): Promise<void>;
}

const PREFIX = 'haos:';
const SCHEDULE_KEY = `${PREFIX}schedule`;

/** Keys, values and the schedule in this process: one replica only. */
export function createMemoryStore(maxKeys = 200_000): SharedStore {
  const keys = new LRUCache<string, string>({ max: maxKeys, ttlAutopurge: false });
  const due = new Map<string, number>();
  return {
    kind: 'memory',
    get: (key) => Promise.resolve(keys.get(key)),
    set: (key, value, ttlMs) => {
      keys.set(key, value, { ttl: ttlMs });
      return Promise.resolve();
    },
    setIfAbsent: (key, value, ttlMs) => {
      if (keys.has(key)) return Promise.resolve(false);
      keys.set(key, value, { ttl: ttlMs });
      return Promise.resolve(true);
    },
    delete: (key) => Promise.resolve(keys.delete(key)),
    take: (key) => {
      const value = keys.get(key);
      keys.delete(key);
      return Promise.resolve(value);
    },
    schedule: (member, atMs) => {
      due.set(member, atMs);
      return Promise.resolve();
    },
    unschedule: (member) => {
      due.delete(member);
      return Promise.resolve();
    },
    claimDue: (nowMs, leaseMs, limit) => {
      const claimed: string[] = [];
      for (const [member, at] of due) {
        if (claimed.length >= limit) break;
        if (at <= nowMs) claimed.push(member);
      }
      for (const member of claimed) due.set(member, nowMs + leaseMs);
      return Promise.resolve(claimed);
    },
    limiter: ({ keyPrefix, points, durationSeconds }) =>
      new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
    close: () => Promise.resolve(),
  };
}

const CLAIM_DUE = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, member in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], member) end
return due`;

/**
 * The same over Redis (ioredis). Connects before returning, so a wrong URL stops the server at
 * start with a clear message rather than on the first request.
 */
export async function createRedisStore(url: string): Promise<SharedStore> {
  // Loaded only when asked for: most deployments run one replica without Redis.
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: 5000,
    enableAutoPipelining: true,
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`HAOS_REDIS_URL cannot be reached: ${(error as Error).message}`);
  }
  const k = (key: string) => `${PREFIX}${key}`;
  return {
    kind: 'redis',
    get: async (key) => (await redis.get(k(key))) ?? undefined,
    set: async (key, value, ttlMs) => {
      await redis.set(k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
    },
    setIfAbsent: async (key, value, ttlMs) =>
      (await redis.set(k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK',
    delete: async (key) => (await redis.del(k(key))) > 0,
    take: async (key) => (await redis.getdel(k(key))) ?? undefined,
    schedule: async (member, atMs) => {
      await redis.zadd(SCHEDULE_KEY, atMs, member);
    },
    unschedule: async (member) => {
      await redis.zrem(SCHEDULE_KEY, member);
    },
    claimDue: async (nowMs, leaseMs, limit) =>
      (await redis.eval(CLAIM_DUE, 1, SCHEDULE_KEY, nowMs, nowMs + leaseMs, limit)) as string[],
    limiter: ({ keyPrefix, points, durationSeconds }) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${PREFIX}${keyPrefix}`,
        points,
        duration: durationSeconds,
        // While Redis is away, each replica limits on its own rather than failing open or closed.
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
        // A flooding key is refused from memory until its window ends: no Redis trip per request.
        inMemoryBlockOnConsumed: points + 1,
      }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
