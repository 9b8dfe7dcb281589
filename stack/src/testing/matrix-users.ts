/** Small helpers for tests: real accounts on the stack's real Synapse, over its client API. */
export interface TestUser {
  userId: string;
  accessToken: string;
  deviceId: string;
  password: string;
}

export async function registerUser(
  homeserver: string,
  username: string,
  password = `pw-${username}-${Math.random().toString(36).slice(2)}`,
): Promise<TestUser> {
  const response = await fetch(`${homeserver}/_matrix/client/v3/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      username,
      password,
      auth: { type: 'm.login.dummy' },
      inhibit_login: false,
    }),
  });
  const body = (await response.json()) as {
    user_id?: string;
    access_token?: string;
    device_id?: string;
    error?: string;
  };
  if (!response.ok || !body.user_id || !body.access_token || !body.device_id) {
    throw new Error(`register ${username}: HTTP ${response.status} ${body.error ?? ''}`);
  }
  return {
    userId: body.user_id,
    accessToken: body.access_token,
    deviceId: body.device_id,
    password,
  };
}

export async function matrixRequest<T>(
  homeserver: string,
  user: TestUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${homeserver}${path}`, {
    method,
    headers: { Authorization: `Bearer ${user.accessToken}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok)
    throw new Error(`${method} ${path}: HTTP ${response.status} ${json.error ?? ''}`);
  return json;
}

export async function createRoom(
  homeserver: string,
  user: TestUser,
  content: Record<string, unknown> = {},
): Promise<string> {
  const { room_id } = await matrixRequest<{ room_id: string }>(
    homeserver,
    user,
    'POST',
    '/_matrix/client/v3/createRoom',
    content,
  );
  return room_id;
}

export interface OpenIdToken {
  access_token: string;
  token_type: string;
  matrix_server_name: string;
  expires_in: number;
}

export function requestOpenIdToken(homeserver: string, user: TestUser): Promise<OpenIdToken> {
  return matrixRequest<OpenIdToken>(
    homeserver,
    user,
    'POST',
    `/_matrix/client/v3/user/${encodeURIComponent(user.userId)}/openid/request_token`,
    {},
  );
}
