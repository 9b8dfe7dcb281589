import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ServerConfig } from './config.js';
import { ErrCode, HttpError } from './errors.js';
import type { SharedStore } from './store.js';

/** Token requests for the same user, device and call within this long are one join. */
export const JOIN_WINDOW_MS = 60_000;

export function limitExceeded(msBeforeNext: number): HttpError {
  return new HttpError(429, ErrCode.LimitExceeded, 'Too many requests; slow down', {
    retry_after_ms: Math.max(0, Math.ceil(msBeforeNext)),
  });
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (result) {
    if (result instanceof RateLimiterRes) throw limitExceeded(result.msBeforeNext);
    throw result;
  }
}

export interface RateLimits {
  /** Every token request, before any work: refuses a flood from one address. */
  ip(address: string): Promise<void>;
  /**
   * A verified user's request: spends one request, and one join when this user, device and call
   * have not asked within the last minute (Element Call asks about seven times per join).
   * Returns the refund to call when the request is then refused (403, 503), so a refused request
   * spends nothing.
   */
  user(userId: string, joinKey: string): Promise<() => Promise<void>>;
}

/**
 * Budgets sized for real clients: per IP (generous, against floods), per user per request (a
 * ceiling), and per user per join (what a person does: several rejoins a minute are normal).
 * All are shared through the store, so every replica counts against the same budget.
 */
export function createRateLimits(
  config: Pick<
    ServerConfig,
    'rateLimitPerIpPerMinute' | 'rateLimitPerUserPerMinute' | 'rateLimitJoinsPerUserPerMinute'
  >,
  store: SharedStore,
): RateLimits {
  const perIp = store.limiter({
    keyPrefix: 'rl-ip',
    points: config.rateLimitPerIpPerMinute,
    durationSeconds: 60,
  });
  const perUser = store.limiter({
    keyPrefix: 'rl-user',
    points: config.rateLimitPerUserPerMinute,
    durationSeconds: 60,
  });
  const joins = store.limiter({
    keyPrefix: 'rl-join',
    points: config.rateLimitJoinsPerUserPerMinute,
    durationSeconds: 60,
  });
  return {
    ip: (address) => consume(perIp, address),
    async user(userId, joinKey) {
      await consume(perUser, userId);
      const marker = `join:${userId}\n${joinKey}`;
      const newJoin = await store.setIfAbsent(marker, '1', JOIN_WINDOW_MS);
      if (newJoin) {
        try {
          await consume(joins, userId);
        } catch (error) {
          await store.delete(marker);
          throw error;
        }
      }
      return async () => {
        await perUser.reward(userId, 1);
        if (newJoin) {
          await joins.reward(userId, 1);
          await store.delete(marker);
        }
      };
    },
  };
}
