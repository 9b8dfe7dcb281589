import { ErrCode, HttpError } from './errors.js';
import type { MembershipChecker } from './membership.js';
import { MembershipUnavailableError } from './membership.js';
import type { OpenIdVerifier } from './openid.js';
import type { OpenIdTokenBody } from './schemas.js';
import { SfuUnavailableError, type SfuGrantRequest, type SfuTokenIssuer } from './livekit.js';

export interface TokenFlowDeps {
  openid: OpenIdVerifier;
  membership: MembershipChecker;
  issuer: SfuTokenIssuer;
  /** Consumes one unit of the user's budget; rejects with M_LIMIT_EXCEEDED when spent. */
  limitUser(userId: string): Promise<void>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface TokenRequest {
  openidToken: OpenIdTokenBody;
  roomId: string;
  slotId: string;
  /** Derives the LiveKit identity from the verified user ID. */
  identityOf(userId: string): string;
  /** /get_token carries the user the client claims to be; it must be the token's subject. */
  claimedUserId?: string;
  /** The client asked the service to keep its delayed leave event alive (not offered here). */
  delegationRequested: boolean;
}

/**
 * The pipeline after schema validation: verify the OpenID token with its homeserver, rate-limit
 * the user, check room membership on the trusted homeservers, then mint a LiveKit JWT. Users of
 * trusted homeservers must be joined, and the LiveKit room is created for them; users of other
 * homeservers are refused when a trusted homeserver knows them not to be joined, and otherwise
 * get a token that can only join a LiveKit room that already exists.
 */
export async function issueToken(
  deps: TokenFlowDeps,
  request: TokenRequest,
): Promise<{ url: string; jwt: string }> {
  const userId = await deps.openid.verify(request.openidToken);
  if (request.claimedUserId !== undefined && request.claimedUserId !== userId) {
    deps.log.warn(
      { server: request.openidToken.matrix_server_name },
      'token: claimed user is not the token subject',
    );
    throw new HttpError(401, ErrCode.Unauthorized, 'The OpenID token could not be verified');
  }
  await deps.limitUser(userId);
  if (request.delegationRequested) {
    throw new HttpError(
      400,
      ErrCode.BadJson,
      'Delegation of delayed events is not supported by this service; keep restarting the delayed leave event from the client',
    );
  }

  const serverName = userId.slice(userId.indexOf(':') + 1);
  const trusted = deps.membership.isTrusted(serverName);
  let membership;
  try {
    membership = await deps.membership.check(request.roomId, userId);
  } catch (error) {
    if (error instanceof MembershipUnavailableError) {
      deps.log.warn({ reason: error.message }, 'token: membership check unavailable');
      throw new HttpError(
        503,
        ErrCode.Unknown,
        'Room membership cannot be checked right now; try again shortly',
      );
    }
    throw error;
  }
  if (membership === 'not_joined' || (trusted && membership !== 'joined')) {
    deps.log.info({ room: request.roomId, trusted }, 'token: refused, user not joined to the room');
    throw new HttpError(403, ErrCode.Forbidden, 'You are not a member of this room');
  }

  const grant: SfuGrantRequest = {
    userId,
    identity: request.identityOf(userId),
    roomId: request.roomId,
    slotId: request.slotId,
    createRoom: trusted,
  };
  let result;
  try {
    result = await deps.issuer.issue(grant);
  } catch (error) {
    if (!(error instanceof SfuUnavailableError)) throw error;
    deps.log.warn({ reason: error.message }, 'token: LiveKit unavailable');
    throw new HttpError(
      503,
      ErrCode.Unknown,
      'The media server cannot be reached right now; try again shortly',
    );
  }
  deps.log.info({ room: request.roomId, trusted, alias: result.alias }, 'token: issued');
  return { url: result.url, jwt: result.jwt };
}
