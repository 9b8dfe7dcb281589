import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallGuard } from './call-guard.js';
import { callMembershipOf, type CallMemberships, type MatrixEvent } from './call-memberships.js';
import type { AppserviceRegistration } from './config.js';
import { ErrCode, HttpError } from './errors.js';
import type { MembershipChecker } from './membership.js';
import type { SharedStore } from './store.js';

/**
 * haos-server as an application service of the trusted homeserver: the homeserver pushes every
 * room event (the registration's rooms namespace `!.*`, not exclusive) to
 * `PUT /_matrix/app/v1/transactions/{txnId}`, authenticated with the registration's hs_token.
 * Membership changes invalidate the membership cache and end calls; call membership events are
 * recorded for the call guard's check of new participants.
 */

/** Transactions carry up to 100 events (each up to 64 KiB) and ephemeral data. */
export const TRANSACTION_BODY_LIMIT = 16 * 1024 * 1024;

export interface AppserviceDeps {
  registration: AppserviceRegistration;
  membership: Pick<MembershipChecker, 'invalidate'>;
  callMemberships: Pick<CallMemberships, 'record'>;
  callGuard: Pick<CallGuard, 'membershipEnded' | 'callMembershipEnded'>;
  store: SharedStore;
}

const ENDED = new Set(['leave', 'ban']);

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks the homeserver's hs_token (header, or the legacy query parameter). */
function authorise(request: FastifyRequest, hsToken: string): void {
  const header = request.headers.authorization;
  const query = (request.query as { access_token?: unknown }).access_token;
  const given = header?.startsWith('Bearer ')
    ? header.slice(7)
    : typeof query === 'string'
      ? query
      : undefined;
  if (given === undefined) {
    throw new HttpError(401, ErrCode.Unauthorized, 'Missing homeserver token');
  }
  if (!tokenMatches(given, hsToken)) {
    throw new HttpError(403, ErrCode.Forbidden, 'Wrong homeserver token');
  }
}

export async function handleEvent(deps: AppserviceDeps, event: MatrixEvent): Promise<void> {
  if (event.type === 'm.room.member') {
    const roomId = typeof event.room_id === 'string' ? event.room_id : undefined;
    const userId = typeof event.state_key === 'string' ? event.state_key : undefined;
    if (!roomId || !userId) return;
    await deps.membership.invalidate(roomId, userId);
    const membership = (event.content as { membership?: unknown } | undefined)?.membership;
    if (typeof membership === 'string' && ENDED.has(membership)) {
      await deps.callGuard.membershipEnded(roomId, userId);
    }
    return;
  }
  const sighting = callMembershipOf(event);
  if (!sighting) return;
  await deps.callMemberships.record(sighting);
  if (sighting.expiresAt === undefined) {
    deps.callGuard.callMembershipEnded(sighting.roomId, sighting.userId, sighting.deviceId);
  }
}

export async function registerAppservice(
  app: FastifyInstance,
  deps: AppserviceDeps,
): Promise<void> {
  const { hsToken } = deps.registration;
  await app.register((scope) => {
    // Transactions are larger than token requests: their own parser, under the route's limit.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new HttpError(400, ErrCode.NotJson, 'The request body is not valid JSON'), undefined);
      }
    });
    scope.put<{ Params: { txnId: string }; Body: { events?: unknown } }>(
      '/_matrix/app/v1/transactions/:txnId',
      { bodyLimit: TRANSACTION_BODY_LIMIT },
      async (request) => {
        authorise(request, hsToken);
        const events = Array.isArray(request.body?.events)
          ? (request.body.events as MatrixEvent[])
          : [];
        // The homeserver retries a transaction it did not see answered: handle each once.
        const fresh = await deps.store.setIfAbsent(
          `astxn:${request.params.txnId}`,
          '1',
          24 * 3600 * 1000,
        );
        if (fresh) {
          for (const event of events) {
            try {
              await handleEvent(deps, event);
            } catch (error) {
              request.log.warn(
                { reason: (error as Error).message, type: event.type },
                'appservice: event not handled',
              );
            }
          }
          request.logInfo = { events: events.length };
        }
        return {};
      },
    );
    // The homeserver asks whether users or aliases in the service's namespaces exist; it has none.
    const none = async (request: FastifyRequest, reply: FastifyReply) => {
      authorise(request, hsToken);
      return reply
        .status(404)
        .send({ errcode: 'M_NOT_FOUND', error: 'haos-server does not provide this' });
    };
    scope.get('/_matrix/app/v1/users/:userId', none);
    scope.get('/_matrix/app/v1/rooms/:alias', none);
    scope.post('/_matrix/app/v1/ping', (request) => {
      authorise(request, hsToken);
      return Promise.resolve({});
    });
    return Promise.resolve();
  });
}
