import type { Delegations } from './delegation.js';
import { ErrCode, HttpError } from './errors.js';
import type { HomeserverResolver } from './homeserver.js';
import type { MembershipChecker } from './membership.js';
import { MembershipUnavailableError } from './membership.js';
import type { OpenIdVerifier } from './openid.js';
import type { RateLimits } from './rate-limits.js';
import type { DelegationFields, OpenIdTokenBody } from './schemas.js';
import { SfuUnavailableError, type SfuGrantRequest, type SfuTokenIssuer } from './livekit.js';

export interface TokenFlowDeps {
  openid: OpenIdVerifier;
  membership: MembershipChecker;
  issuer: SfuTokenIssuer;
  limits: Pick<RateLimits, 'user'>;
  delegations: Pick<Delegations, 'delegate'>;
  resolver: Pick<HomeserverResolver, 'configuredUrl' | 'clientApiUrls'>;
  /** Remembers a call slot of a room, so the call guard can find its LiveKit room later. */
  noteSlot(roomId: string, slotId: string): Promise<void>;
}

export interface TokenRequest {
  openidToken: OpenIdTokenBody;
  roomId: string;
  slotId: string;
  deviceId: string;
  /** Derives the LiveKit identity from the verified user ID. */
  identityOf(userId: string): string;
  /** /get_token carries the user the client claims to be; it must be the token's subject. */
  claimedUserId?: string;
  delegation: DelegationFields;
  /** Fields for the request's one log line. */
  info: Record<string, unknown>;
}

/** The longest delay accepted (Synapse's usual `max_event_delay_duration`). */
const MAX_DELAY_MS = 24 * 3600 * 1000;

const badJson = (message: string) => new HttpError(400, ErrCode.BadJson, message);

/** The delegation fields as lk-jwt-service reads them: delay_id and delay_timeout together. */
export function checkDelegationShape(fields: DelegationFields): void {
  const some = Boolean(fields.delay_id) || (fields.delay_timeout ?? 0) > 0;
  const all = Boolean(fields.delay_id) && (fields.delay_timeout ?? 0) > 0;
  if (some && !all) throw badJson('The request body is missing `delay_id` or `delay_timeout`');
  if (all && (fields.delay_timeout! < 1000 || fields.delay_timeout! > MAX_DELAY_MS)) {
    throw badJson('`delay_timeout` must be between 1000 and 86400000 milliseconds');
  }
}

const normalise = (url: string) => {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
};

/**
 * The pipeline after schema validation: verify the OpenID token with its homeserver, spend the
 * user's budget, check room membership on the trusted homeservers, then mint a LiveKit JWT (and
 * take over the delayed leave when asked). Users of trusted homeservers must be joined, and the
 * LiveKit room is created for them; users of other homeservers are refused when a trusted
 * homeserver knows them not to be joined, and otherwise get a token that can only join a LiveKit
 * room that already exists. A refused request gives the user's budget back.
 */
export async function issueToken(
  deps: TokenFlowDeps,
  request: TokenRequest,
): Promise<{ url: string; jwt: string }> {
  checkDelegationShape(request.delegation);
  const userId = await deps.openid.verify(request.openidToken);
  if (request.claimedUserId !== undefined && request.claimedUserId !== userId) {
    throw new HttpError(
      401,
      ErrCode.Unauthorized,
      'The OpenID token could not be verified',
      {},
      {
        reason: 'claimed user is not the token subject',
      },
    );
  }
  const serverName = userId.slice(userId.indexOf(':') + 1);
  const trusted = deps.membership.isTrusted(serverName);
  request.info.trusted = trusted;
  const identity = request.identityOf(userId);
  const refund = await deps.limits.user(
    userId,
    `${request.roomId}\n${request.slotId}\n${identity}`,
  );
  try {
    const delegate = await delegationOf(deps, request, serverName, trusted);
    let membership;
    try {
      membership = await deps.membership.check(request.roomId, userId);
    } catch (error) {
      if (!(error instanceof MembershipUnavailableError)) throw error;
      throw new HttpError(
        503,
        ErrCode.Unknown,
        'Room membership cannot be checked right now; try again shortly',
        {},
        { reason: error.message },
      );
    }
    if (membership === 'not_joined' || (trusted && membership !== 'joined')) {
      throw new HttpError(403, ErrCode.Forbidden, 'You are not a member of this room');
    }
    const grant: SfuGrantRequest = {
      userId,
      deviceId: request.deviceId,
      identity,
      roomId: request.roomId,
      slotId: request.slotId,
      createRoom: trusted,
    };
    let result;
    try {
      result = await deps.issuer.issue(grant);
    } catch (error) {
      if (!(error instanceof SfuUnavailableError)) throw error;
      throw new HttpError(
        503,
        ErrCode.Unknown,
        'The media server cannot be reached right now; try again shortly',
        {},
        { reason: error.message },
      );
    }
    await deps.noteSlot(request.roomId, request.slotId);
    if (delegate) await deps.delegations.delegate({ ...delegate, alias: result.alias, identity });
    request.info.alias = result.alias;
    request.info.delegated = Boolean(delegate);
    return { url: result.url, jwt: result.jwt };
  } catch (error) {
    await refund();
    throw error;
  }
}

/**
 * Accepts a delegation only as lk-jwt-service does (users of full-access homeservers), and only
 * for the user's own homeserver: `delay_cs_api_url`, when given, must be one of the client-API
 * URLs the service itself knows for it; the service only ever calls its configured URL.
 */
async function delegationOf(
  deps: TokenFlowDeps,
  request: TokenRequest,
  serverName: string,
  trusted: boolean,
) {
  const {
    delay_id: delayId,
    delay_timeout: delayTimeoutMs,
    delay_cs_api_url: csApiUrl,
  } = request.delegation;
  if (!delayId || !delayTimeoutMs) return undefined;
  if (!trusted || deps.resolver.configuredUrl(serverName) === undefined) {
    throw badJson('Delegation of delayed events is only supported for full access users');
  }
  if (csApiUrl !== undefined && csApiUrl !== '') {
    const known = (await deps.resolver.clientApiUrls(serverName)).map(normalise);
    const given = normalise(csApiUrl);
    if (given === undefined || !known.includes(given)) {
      throw badJson('`delay_cs_api_url` is not the client-server API of your homeserver');
    }
  }
  return { serverName, delayId, delayTimeoutMs };
}
