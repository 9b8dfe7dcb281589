import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ServerConfig } from './config.js';
import { ErrCode, HttpError } from './errors.js';
import { HomeserverResolver, type Fetch } from './homeserver.js';
import { createMembershipChecker, type MembershipChecker } from './membership.js';
import { createOpenIdVerifier, type OpenIdVerifier } from './openid.js';
import { createSfuTokenIssuer, type SfuTokenIssuer } from './livekit.js';
import { getTokenSchema, sfuGetSchema, type GetTokenBody, type SfuGetBody } from './schemas.js';
import { issueToken, type TokenFlowDeps } from './token-flow.js';
import { LEGACY_SLOT_ID, legacyLivekitIdentity, livekitIdentity } from './identity.js';
import { registerWebApp } from './web.js';
import { createMetrics } from './metrics.js';

/** Largest request body accepted: real requests are well under 2 KiB. */
export const BODY_LIMIT_BYTES = 8 * 1024;

export interface AppDeps {
  fetch?: Fetch;
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  openid?: OpenIdVerifier;
  membership?: MembershipChecker;
  issuer?: SfuTokenIssuer;
}

function limitExceeded(msBeforeNext: number): HttpError {
  return new HttpError(429, ErrCode.LimitExceeded, 'Too many requests; slow down', {
    retry_after_ms: Math.max(0, Math.ceil(msBeforeNext)),
  });
}

/** Builds the haos-server Fastify app: the MatrixRTC token service, health, metrics, web app. */
export async function buildApp(config: ServerConfig, deps: AppDeps = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: false,
        allErrors: false,
      },
    },
  });
  const metrics = createMetrics();

  // Every body is read as JSON, whatever its Content-Type says (lk-jwt-service does the same).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new HttpError(400, ErrCode.NotJson, 'The request body is not valid JSON'), undefined);
      }
    },
  );

  await app.register(cors, {
    origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Content-Type'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: false,
    max: config.rateLimitPerIpPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, context) => limitExceeded(context.ttl),
  });

  const resolver = new HomeserverResolver({ overrides: config.homeserverUrls, fetch: deps.fetch });
  const userLimiter = new RateLimiterMemory({
    points: config.rateLimitPerUserPerMinute,
    duration: 60,
  });
  const flow: TokenFlowDeps = {
    openid: deps.openid ?? createOpenIdVerifier(resolver, app.log, deps.fetch),
    membership:
      deps.membership ?? createMembershipChecker(config.trustedHomeservers, resolver, deps.fetch),
    issuer: deps.issuer ?? createSfuTokenIssuer(config),
    limitUser: async (userId) => {
      try {
        await userLimiter.consume(userId);
      } catch (result) {
        if (result instanceof RateLimiterRes) throw limitExceeded(result.msBeforeNext);
        throw result;
      }
    },
    log: app.log,
  };

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    let httpError: HttpError;
    if (error instanceof HttpError) httpError = error;
    else if (error.validation) {
      httpError = new HttpError(
        400,
        ErrCode.BadJson,
        `Invalid request: ${error.message.replace(/^body\/?/, 'body ')}`,
      );
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      httpError = new HttpError(
        400,
        ErrCode.TooLarge,
        `The request body is larger than ${BODY_LIMIT_BYTES} bytes`,
      );
    } else if (
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
    ) {
      httpError = new HttpError(400, ErrCode.NotJson, 'The request body must be JSON');
    } else if (
      typeof error.statusCode === 'number' &&
      error.statusCode >= 400 &&
      error.statusCode < 500
    ) {
      httpError = new HttpError(error.statusCode, ErrCode.BadJson, 'Bad request');
    } else {
      request.log.error({ err: error }, 'unhandled error');
      httpError = new HttpError(500, ErrCode.Unknown, 'Internal server error');
    }
    metrics.rejected(request.routeOptions.url ?? 'unknown', httpError.errcode);
    void reply.status(httpError.statusCode).send(httpError.toJSON());
  });

  const tokenRoute = { config: { rateLimit: {} } };
  app.post<{ Body: SfuGetBody }>(
    '/sfu/get',
    { ...tokenRoute, schema: { body: sfuGetSchema } },
    async (request) => {
      const body = request.body;
      const result = await issueToken(flow, {
        openidToken: body.openid_token,
        roomId: body.room,
        slotId: LEGACY_SLOT_ID,
        identityOf: (userId) => legacyLivekitIdentity(userId, body.device_id),
        delegationRequested: Boolean(body.delay_id),
      });
      metrics.issued('/sfu/get');
      return result;
    },
  );
  app.post<{ Body: GetTokenBody }>(
    '/get_token',
    { ...tokenRoute, schema: { body: getTokenSchema } },
    async (request) => {
      const body = request.body;
      const result = await issueToken(flow, {
        openidToken: body.openid_token,
        roomId: body.room_id,
        slotId: body.slot_id,
        identityOf: (userId) =>
          livekitIdentity(userId, body.member.claimed_device_id, body.member.id),
        claimedUserId: body.member.claimed_user_id,
        delegationRequested: Boolean(body.delay_id),
      });
      metrics.issued('/get_token');
      return result;
    },
  );

  app.get('/healthz', () => Promise.resolve({ status: 'ok' }));
  app.get('/metrics', async (_request, reply) => {
    void reply.header('Content-Type', metrics.contentType);
    return metrics.render();
  });

  await registerWebApp(app, config);
  return app;
}
