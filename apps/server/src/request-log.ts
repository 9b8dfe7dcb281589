import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Fields the handler adds to the request's one log line. */
    logInfo?: Record<string, unknown>;
    /** The error code of a refused request, for that line. */
    errcode?: string;
  }
}

/** Refused requests logged per second before the rest are only counted (a flood stays cheap). */
const REFUSALS_LOGGED_PER_SECOND = 20;

/**
 * One log line per request, written when the answer has gone out: method, path (never the query,
 * which may hold tokens), status, time, the errcode of a refusal and what the handler added.
 * Refusals beyond a few per second are counted, not written, and the count is logged with the
 * next refusal that is written; health checks are logged at debug.
 */
export function registerRequestLog(app: FastifyInstance, now: () => number = Date.now): void {
  let windowStart = 0;
  let written = 0;
  let suppressed = 0;
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const path = request.url.split('?')[0];
    const line: Record<string, unknown> = {
      method: request.method,
      path,
      status,
      ms: Math.round(reply.elapsedTime),
      ...(request.errcode ? { errcode: request.errcode } : {}),
      ...request.logInfo,
    };
    if (status >= 400) {
      const t = now();
      if (t - windowStart >= 1000) {
        windowStart = t;
        written = 0;
      }
      if (written >= REFUSALS_LOGGED_PER_SECOND) {
        suppressed += 1;
        done();
        return;
      }
      written += 1;
      if (suppressed > 0) {
        line.unloggedRefusals = suppressed;
        suppressed = 0;
      }
      if (status >= 500) request.log.error(line, 'request');
      else request.log.info(line, 'request');
    } else if (path === '/healthz') {
      request.log.debug(line, 'request');
    } else {
      request.log.info(line, 'request');
    }
    done();
  });
}
