import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AccessToken } from 'livekit-server-sdk';
import { LIVEKIT_KEY, LIVEKIT_SECRET } from './helpers.js';

/** Posts a LiveKit webhook to the app, signed as LiveKit signs it (SHA-256 of the body in a JWT). */
export async function sendWebhook(
  app: FastifyInstance,
  event: string,
  room: { name: string; metadata?: string },
  identity: string,
  options: { secret?: string; disconnectReason?: string } = {},
) {
  const body = JSON.stringify({
    event,
    id: `EV_${Math.random().toString(36).slice(2)}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { sid: 'RM_test', name: room.name, metadata: room.metadata ?? '' },
    participant: {
      sid: 'PA_test',
      identity,
      ...(options.disconnectReason ? { disconnectReason: options.disconnectReason } : {}),
    },
  });
  const token = new AccessToken(LIVEKIT_KEY, options.secret ?? LIVEKIT_SECRET);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return app.inject({
    method: 'POST',
    url: '/sfu_webhook',
    headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() },
    payload: body,
  });
}
