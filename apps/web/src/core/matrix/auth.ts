import {
  AutoDiscovery,
  AutoDiscoveryAction,
  createClient,
  MatrixError,
  type AuthDict,
  type LoginResponse,
  type MatrixClient,
  type RegisterResponse,
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

const TOKEN_STAGE = 'm.login.registration_token';

/** The stages still to do of a registration challenge (HTTP 401 with flows), if `error` is one. */
function registrationChallenge(
  error: unknown,
): { session: string | undefined; todo: string[] } | undefined {
  if (!(error instanceof MatrixError) || error.httpStatus !== 401) return undefined;
  const flows = (error.data.flows ?? []) as { stages?: unknown }[];
  const completed = (error.data.completed ?? []) as string[];
  const usable = flows
    .map((f) => (Array.isArray(f.stages) ? (f.stages as string[]) : []))
    .find((stages) => stages.every((s) => s === TOKEN_STAGE || s === 'm.login.dummy'));
  if (!usable) return undefined;
  const session = typeof error.data.session === 'string' ? error.data.session : undefined;
  return { session, todo: usable.filter((s) => !completed.includes(s)) };
}

/**
 * Creates an account where the homeserver allows it without email or captcha; with a
 * registration token (m.login.registration_token) where the homeserver asks for one.
 */
export function register(
  homeserverInput: string,
  username: string,
  password: string,
  registrationToken?: string,
): Promise<StoredSession> {
  return withHomeserver(homeserverInput, async (client, homeserverUrl) => {
    const request = {
      username: localpart(username),
      password,
      initial_device_display_name: DEVICE_NAME,
    };
    let auth: AuthDict & { type: string } = { type: 'm.login.dummy' };
    let response: RegisterResponse | undefined;
    for (let attempt = 0; attempt < 3 && !response; attempt++) {
      try {
        response = await client.registerRequest({ ...request, auth });
      } catch (error) {
        const challenge = registrationChallenge(error);
        const next = challenge?.todo[0];
        if (!challenge || !next) throw error;
        if (next === TOKEN_STAGE && attempt > 0 && auth.type === TOKEN_STAGE)
          throw new AuthError(
            'REGISTRATION_TOKEN_INVALID',
            'That registration token was not accepted: it may be used up or expired. Ask the server admin for a new one.',
          );
        if (next === TOKEN_STAGE && !registrationToken?.trim())
          throw new AuthError(
            'REGISTRATION_TOKEN_NEEDED',
            `${homeserverUrl} only lets people with a registration token create an account. Enter the token you were given.`,
          );
        const session = challenge.session ? { session: challenge.session } : {};
        auth =
          next === TOKEN_STAGE
            ? { type: TOKEN_STAGE, token: registrationToken?.trim(), ...session }
            : { type: 'm.login.dummy', ...session };
      }
    }
    if (!response?.access_token || !response.device_id) {
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
