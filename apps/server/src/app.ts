import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import { fetch as undiciFetch, type Dispatcher } from 'undici';
import type { ServerConfig } from './config.js';
import { ErrCode, HttpError } from './errors.js';
import { HomeserverResolver, type Fetch } from './homeserver.js';
import { createMembershipChecker, type MembershipChecker } from './membership.js';
import { createOpenIdVerifier, type OpenIdVerifier } from './openid.js';
import {
  createLiveKitRooms,
  createSfuTokenIssuer,
  type LiveKitRooms,
  type SfuTokenIssuer,
} from './livekit.js';
import { createMetrics, type Metrics } from './metrics.js';
import {
  createConfiguredDispatcher,
  createGuardedDispatcher,
  type NetGuardOptions,
} from './net-guard.js';
import { createMemoryStore, createRedisStore, type SharedStore } from './store.js';
import { createRateLimits } from './rate-limits.js';
import { createDelegations, type Delegations } from './delegation.js';
import { createCallMemberships } from './call-memberships.js';
import { createCallGuard, type CallGuard } from './call-guard.js';
import { grantKey } from './participant-grant.js';
import { registerRequestLog } from './request-log.js';
import { registerTokenRoutes } from './token-routes.js';
import { registerWebhook } from './webhook.js';
import { registerAppservice } from './appservice.js';
import { registerWebApp } from './web.js';

/** Largest request body accepted: real requests are well under 2 KiB. */
export const BODY_LIMIT_BYTES = 8 * 1024;

export interface AppDeps {
  /** Replaces every outgoing HTTP call to homeservers (unit tests fake the homeserver). */
  fetch?: Fetch;
  /** DNS and address policy of the guarded client for discovered hosts (tests). */
  netGuard?: NetGuardOptions;
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  openid?: OpenIdVerifier;
  membership?: MembershipChecker;
  issuer?: SfuTokenIssuer;
  rooms?: LiveKitRooms;
  store?: SharedStore;
  /** The request log's clock (tests freeze it to see the sampling). */
  now?: () => number;
}

declare module 'fastify' {
  interface FastifyInstance {
    haos: { metrics: Metrics; delegations: Delegations; callGuard: CallGuard; store: SharedStore };
  }
}

const viaDispatcher =
  (dispatcher: Dispatcher): Fetch =>
  (input, init) =>
    undiciFetch(input as string, {
      ...(init as object),
      dispatcher,
    }) as unknown as Promise<Response>;

/** Builds the haos-server Fastify app: the MatrixRTC token service, its webhooks, the web app. */
export async function buildApp(config: ServerConfig, deps: AppDeps = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    // request-log.ts writes one line per request instead of Fastify's two.
    disableRequestLogging: true,
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
  const store =
    deps.store ?? (config.redisUrl ? await createRedisStore(config.redisUrl) : createMemoryStore());
  const dispatchers: Dispatcher[] = [];
  let fetchDiscovered = deps.fetch;
  let fetchConfigured = deps.fetch;
  if (!deps.fetch) {
    const guarded = createGuardedDispatcher(deps.netGuard);
    const configured = createConfiguredDispatcher();
    dispatchers.push(guarded, configured);
    fetchDiscovered = viaDispatcher(guarded);
    fetchConfigured = viaDispatcher(configured);
  }
  const resolver = new HomeserverResolver({
    overrides: config.homeserverUrls,
    fetch: fetchDiscovered,
    fetchConfigured,
  });
  const membership =
    deps.membership ??
    createMembershipChecker(
      config.trustedHomeservers,
      resolver,
      store,
      config.membershipCacheSeconds,
    );
  const rooms = deps.rooms ?? createLiveKitRooms(config);
  const delegations = createDelegations({
    store,
    resolver,
    rooms,
    appservice: config.appservice,
    log: app.log,
  });
  const callMemberships = createCallMemberships(
    config.trustedHomeservers,
    resolver,
    store,
    config.callMembershipFlapSeconds * 1000,
  );
  const callGuard = createCallGuard({
    rooms,
    membership,
    callMemberships,
    store,
    key: grantKey(config.livekitSecret),
    graceMs: config.callMembershipGraceSeconds * 1000,
    flapMs: config.callMembershipFlapSeconds * 1000,
    log: app.log,
  });
  app.decorate('haos', { metrics, delegations, callGuard, store });
  app.addHook('onClose', async () => {
    callGuard.close();
    await delegations.close();
    await store.close();
    await Promise.all(dispatchers.map((d) => d.close()));
  });

  // Every body is read as JSON, whatever its Content-Type says (lk-jwt-service does the same).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new HttpError(400, ErrCode.NotJson, 'The request body is not valid JSON'), undefined);
    }
  });

  // Authorisation is the OpenID token and the membership check, not the origin: any origin by
  // default, as lk-jwt-service (Element Call runs on its own origin).
  await app.register(cors, {
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Accept', 'Content-Type', 'Content-Length', 'Accept-Encoding', 'X-CSRF-Token'],
    maxAge: 600,
  });
  registerRequestLog(app, deps.now);

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
    request.errcode = httpError.errcode;
    if (httpError.detail) request.logInfo = { ...request.logInfo, ...httpError.detail };
    metrics.rejected(request.routeOptions.url ?? 'unknown', httpError.errcode);
    void reply.status(httpError.statusCode).send(httpError.toJSON());
  });

  registerTokenRoutes(app, {
    limits: createRateLimits(config, store),
    metrics,
    flow: {
      openid: deps.openid ?? createOpenIdVerifier(resolver),
      membership,
      issuer: deps.issuer ?? createSfuTokenIssuer(config, rooms),
      delegations,
      resolver,
      noteSlot: (roomId, slotId) => callGuard.noteSlot(roomId, slotId),
    },
  });
  await registerWebhook(app, {
    livekitKey: config.livekitKey,
    livekitSecret: config.livekitSecret,
    delegations,
    callGuard,
    log: app.log,
  });
  if (config.appservice) {
    await registerAppservice(app, {
      registration: config.appservice,
      membership,
      callMemberships,
      callGuard,
      store,
    });
  }
  app.get('/healthz', () => Promise.resolve({ status: 'ok' }));

  await registerWebApp(app, config);
  return app;
}
