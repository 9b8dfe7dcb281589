import type { FastifyInstance } from 'fastify';
import { WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import type { CallGuard } from './call-guard.js';
import type { Delegations } from './delegation.js';
import { ErrCode, HttpError } from './errors.js';
import { parseCallRoom } from './participant-grant.js';

/**
 * `POST /sfu_webhook`: LiveKit's webhooks (configured in LiveKit's `webhook: {api_key, urls}`),
 * verified with the LiveKit key and secret (the body's SHA-256 signed in the Authorization JWT).
 * Participant events drive delegated leaves and the call guard.
 */

const WEBHOOK_BODY_LIMIT = 256 * 1024;

export interface WebhookDeps {
  livekitKey: string;
  livekitSecret: string;
  delegations: Pick<Delegations, 'participantJoined' | 'participantLeft'>;
  callGuard: Pick<CallGuard, 'participantJoined'>;
  log: { warn(obj: object, msg: string): void };
}

export async function handleWebhook(deps: WebhookDeps, event: WebhookEvent): Promise<void> {
  const alias = event.room?.name;
  const identity = event.participant?.identity;
  if (!alias || !identity) return;
  switch (event.event) {
    case 'participant_joined': {
      await deps.delegations.participantJoined(alias, identity);
      const call = parseCallRoom(alias, event.room?.metadata);
      if (call) deps.callGuard.participantJoined(alias, call, identity);
      return;
    }
    case 'participant_left':
    case 'participant_connection_aborted': {
      const how = event.event === 'participant_left' ? 'left' : 'aborted';
      await deps.delegations.participantLeft(alias, identity, how);
      return;
    }
    default:
      return;
  }
}

export async function registerWebhook(app: FastifyInstance, deps: WebhookDeps): Promise<void> {
  const receiver = new WebhookReceiver(deps.livekitKey, deps.livekitSecret);
  await app.register((scope) => {
    // The signature covers the exact bytes: keep the body as it came.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.post<{ Body: string }>('/sfu_webhook', async (request) => {
      let event: WebhookEvent;
      try {
        event = await receiver.receive(request.body, request.headers.authorization);
      } catch {
        throw new HttpError(401, ErrCode.Unauthorized, 'The webhook signature is not valid');
      }
      request.logInfo = { event: event.event };
      // Answer LiveKit at once; the work (a leave sent to the homeserver) goes on meanwhile.
      handleWebhook(deps, event).catch((error: unknown) => {
        deps.log.warn(
          { reason: (error as Error).message, event: event.event },
          'webhook: event not handled',
        );
      });
      return {};
    });
    return Promise.resolve();
  });
}
