import {
  AutoDiscovery,
  AutoDiscoveryAction,
  createClient,
  type LoginResponse,
  type MatrixClient,
} from 'matrix-js-sdk';
import { AuthError, toAuthError } from './auth-errors';
import type { StoredSession } from './session-vault';

const DEVICE_NAME = 'HAOS Web';

/**
 * The homeserver's client-server base URL for what a person typed: a URL is used as it is,
 * a server name (example.org) is looked up through its .well-known.
 */
export async function resolveHomeserver(input: string): Promise<string> {
  const trimmed = input.trim().replace(/\/+$/, '');
  if (trimmed === '') throw new AuthError('NOT_A_HOMESERVER', 'Enter a homeserver.');
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  const config = await AutoDiscovery.findClientConfig(trimmed);
  const hs = config['m.homeserver'];
  if (hs.state === AutoDiscoveryAction.SUCCESS && hs.base_url)
    return hs.base_url.replace(/\/+$/, '');
  return `https://${trimmed}`;
}

function randomKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes));
}

function sessionFrom(homeserverUrl: string, response: LoginResponse): StoredSession {
  return {
    homeserverUrl,
    userId: response.user_id,
    deviceId: response.device_id,
    accessToken: response.access_token,
    cryptoStorageKey: randomKey(),
  };
}

/**
 * Runs `work` against the homeserver the person named, with a throwaway client for the
 * unauthenticated request; any failure becomes an AuthError naming that homeserver.
 */
async function withHomeserver(
  homeserverInput: string,
  work: (client: MatrixClient, homeserverUrl: string) => Promise<StoredSession>,
): Promise<StoredSession> {
  let homeserverUrl = homeserverInput;
  try {
    homeserverUrl = await resolveHomeserver(homeserverInput);
    return await work(createClient({ baseUrl: homeserverUrl }), homeserverUrl);
  } catch (error) {
    throw toAuthError(error, homeserverUrl);
  }
}

const localpart = (username: string) => username.trim().replace(/^@/, '').replace(/:.*$/, '');

/** Password sign-in. Throws AuthError with a stable code and a message for people. */
export function signIn(
  homeserverInput: string,
  username: string,
  password: string,
): Promise<StoredSession> {
  return withHomeserver(homeserverInput, async (client, homeserverUrl) => {
    const response = await client.loginRequest({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: localpart(username) },
      password,
      initial_device_display_name: DEVICE_NAME,
    });
    return sessionFrom(homeserverUrl, response);
  });
}

/** Creates an account where the homeserver allows it without email or captcha. */
export function register(
  homeserverInput: string,
  username: string,
  password: string,
): Promise<StoredSession> {
  return withHomeserver(homeserverInput, async (client, homeserverUrl) => {
    const response = await client.registerRequest({
      username: localpart(username),
      password,
      initial_device_display_name: DEVICE_NAME,
      auth: { type: 'm.login.dummy' },
    });
    if (!response.access_token || !response.device_id) {
      throw new AuthError(
        'REGISTRATION_DISABLED',
        `${homeserverUrl} needs extra steps to create an account; use its own client.`,
      );
    }
    return sessionFrom(homeserverUrl, {
      user_id: response.user_id,
      device_id: response.device_id,
      access_token: response.access_token,
    });
  });
}
