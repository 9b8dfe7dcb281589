import type { MatrixClient } from 'matrix-js-sdk';
import { CallFailure } from './call-error';
import { markCallStep } from './timing';

/** What the token service gives: where the SFU is and a JWT to join one LiveKit room there. */
export interface SfuConfig {
  url: string;
  jwt: string;
  /** The LiveKit room name (alias), read back from the JWT's video.room claim. */
  alias: string;
  /** Our participant identity, read back from the JWT's subject. */
  identity: string;
}

const TOKEN_TIMEOUT_MS = 10_000;

/**
 * Handing the membership's delayed leave event (MSC4140) to the token service, in
 * lk-jwt-service's wire format (what Element Call sends): the service keeps it alive through
 * the homeserver while LiveKit sees us, and sends it when LiveKit reports us gone.
 */
export interface LeaveDelegation {
  /** The delay ID the homeserver gave the delayed leave event. */
  delayId: string;
  /** Its delay, in ms. */
  delayTimeoutMs: number;
  /** The client-server API base URL of our homeserver, where the service restarts it. */
  csApiUrl: string;
}

export type TokenClient = Pick<MatrixClient, 'getOpenIdToken' | 'getDeviceId'>;

function decodeClaims(jwt: string): { alias: string; identity: string } | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    const json = new TextDecoder().decode(bytes);
    const claims = JSON.parse(json) as { sub?: unknown; video?: { room?: unknown } };
    if (typeof claims.sub !== 'string' || typeof claims.video?.room !== 'string') return undefined;
    return { alias: claims.video.room, identity: claims.sub };
  } catch {
    return undefined;
  }
}

async function errorOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errcode?: unknown; error?: unknown };
    return typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/**
 * Exchanges a Matrix OpenID token for a LiveKit JWT at the call service (`POST /sfu/get`, the
 * lk-jwt-service API Element Call uses for state-event memberships).
 */
export async function fetchSfuToken(
  client: TokenClient,
  serviceUrl: string,
  roomId: string,
  fetchImpl: typeof fetch = fetch,
  delegation?: LeaveDelegation,
): Promise<SfuConfig> {
  let openid;
  try {
    openid = await client.getOpenIdToken();
  } catch (error) {
    throw new CallFailure(
      'OPENID_FAILED',
      `Your homeserver did not vouch for you to the call service: ${(error as Error).message}`,
    );
  }
  markCallStep('openid');
  let response: Response;
  try {
    response = await fetchImpl(`${serviceUrl}/sfu/get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        room: roomId,
        openid_token: openid,
        device_id: client.getDeviceId(),
        ...(delegation
          ? {
              delay_id: delegation.delayId,
              delay_timeout: delegation.delayTimeoutMs,
              delay_cs_api_url: delegation.csApiUrl,
            }
          : {}),
      }),
      // A service that never answers must not leave the call "Connecting…" for ever.
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
  } catch {
    throw new CallFailure(
      'TOKEN_SERVICE_UNREACHABLE',
      'The call service could not be reached. Check your connection and try again.',
    );
  }
  if (response.status === 403) {
    throw new CallFailure('NOT_ALLOWED', `You may not join this call: ${await errorOf(response)}`);
  }
  if (response.status === 503) {
    // The token service is up but says the media server (LiveKit) is not.
    throw new CallFailure('SFU_UNREACHABLE', `Voice is unavailable: ${await errorOf(response)}`);
  }
  if (response.status >= 500) {
    throw new CallFailure(
      'TOKEN_SERVICE_UNREACHABLE',
      `The call service is having trouble (${await errorOf(response)}). Try again in a moment.`,
    );
  }
  if (delegation && response.status === 400) {
    // lk-jwt-service's answer when it cannot take the delayed leave over (M_BAD_JSON).
    throw new CallFailure(
      'DELEGATION_REFUSED',
      `The call service does not keep your place in the call: ${await errorOf(response)}`,
    );
  }
  if (!response.ok) {
    throw new CallFailure(
      'TOKEN_REFUSED',
      `The call service refused to let you in: ${await errorOf(response)}`,
    );
  }
  let body: { url?: unknown; jwt?: unknown };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = {};
  }
  const claims = typeof body.jwt === 'string' ? decodeClaims(body.jwt) : undefined;
  if (typeof body.url !== 'string' || typeof body.jwt !== 'string' || !claims) {
    throw new CallFailure('TOKEN_REFUSED', 'The call service sent an answer HAOS cannot use.');
  }
  markCallStep('token');
  return { url: body.url, jwt: body.jwt, ...claims };
}
