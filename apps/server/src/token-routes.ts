import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LEGACY_SLOT_ID, legacyLivekitIdentity, livekitIdentity } from './identity.js';
import type { Metrics } from './metrics.js';
import type { RateLimits } from './rate-limits.js';
import { getTokenSchema, sfuGetSchema, type GetTokenBody, type SfuGetBody } from './schemas.js';
import { issueToken, type TokenFlowDeps } from './token-flow.js';

export interface TokenRouteDeps {
  limits: RateLimits;
  metrics: Metrics;
  flow: Omit<TokenFlowDeps, 'limits'>;
}

/** `POST /sfu/get` and `POST /get_token`, lk-jwt-service's two token endpoints. */
export function registerTokenRoutes(app: FastifyInstance, deps: TokenRouteDeps): void {
  const flow: TokenFlowDeps = { ...deps.flow, limits: deps.limits };
  // The per-address budget is spent before the body is even read: a flood stays cheap.
  const onRequest = async (request: FastifyRequest) => {
    await deps.limits.ip(request.ip);
  };
  const info = (request: FastifyRequest) => (request.logInfo = {});

  // lk-jwt-service answers other methods on its endpoints with 405.
  for (const url of ['/sfu/get', '/get_token']) {
    app.route({
      method: ['GET', 'PUT', 'DELETE', 'PATCH'],
      url,
      handler: (_request, reply) =>
        reply
          .status(405)
          .header('Allow', 'POST, OPTIONS')
          .send({ errcode: 'M_UNRECOGNIZED', error: `${url} takes POST` }),
    });
  }
  app.post<{ Body: SfuGetBody }>(
    '/sfu/get',
    { onRequest, schema: { body: sfuGetSchema } },
    async (request) => {
      const body = request.body;
      const result = await issueToken(flow, {
        openidToken: body.openid_token,
        roomId: body.room,
        slotId: LEGACY_SLOT_ID,
        deviceId: body.device_id,
        identityOf: (userId) => legacyLivekitIdentity(userId, body.device_id),
        delegation: body,
        info: info(request),
      });
      deps.metrics.issued('/sfu/get');
      return result;
    },
  );
  app.post<{ Body: GetTokenBody }>(
    '/get_token',
    { onRequest, schema: { body: getTokenSchema } },
    async (request) => {
      const body = request.body;
      const result = await issueToken(flow, {
        openidToken: body.openid_token,
        roomId: body.room_id,
        slotId: body.slot_id,
        deviceId: body.member.claimed_device_id,
        identityOf: (userId) =>
          livekitIdentity(userId, body.member.claimed_device_id, body.member.id),
        claimedUserId: body.member.claimed_user_id,
        delegation: body,
        info: info(request),
      });
      deps.metrics.issued('/get_token');
      return result;
    },
  );
}
