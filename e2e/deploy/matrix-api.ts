/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-explicit-any -- JSON and YAML answers are untyped; the assertions check their shape. */
import { https, deployment, PASSWORD } from './deployment';

export interface ApiUser {
  userId: string;
  accessToken: string;
  deviceId: string;
}

const json = (value: unknown) => JSON.stringify(value);

/** A Matrix client API call through the deployment's HTTPS origin (the proxy routes it). */
export async function api<T = Record<string, unknown>>(
  user: ApiUser | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const answer = await https(`${deployment().origin}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(user ? { Authorization: `Bearer ${user.accessToken}` } : {}),
    },
    body: body === undefined ? undefined : json(body),
  });
  return { status: answer.status, body: (answer.body ? answer.json() : {}) as T };
}

/** Registers through the proxy with the deployment's registration token (UIA: token, dummy). */
export async function registerWithToken(username: string): Promise<ApiUser> {
  const request = { username, password: PASSWORD, initial_device_display_name: 'deploy test' };
  let auth: Record<string, unknown> = { type: 'm.login.dummy' };
  for (let attempt = 0; attempt < 4; attempt++) {
    const { status, body } = await api<Record<string, any>>(undefined, 'POST', '/_matrix/client/v3/register', { ...request, auth }); // prettier-ignore
    if (status === 200)
      return { userId: body.user_id, accessToken: body.access_token, deviceId: body.device_id };
    if (status !== 401) throw new Error(`register ${username}: ${status} ${json(body)}`);
    const done: string[] = body.completed ?? [];
    const stage = ['m.login.registration_token', 'm.login.dummy'].find((s) => !done.includes(s));
    auth =
      stage === 'm.login.registration_token'
        ? { type: stage, token: deployment().registrationToken, session: body.session }
        : { type: 'm.login.dummy', session: body.session };
  }
  throw new Error(`register ${username}: registration did not complete`);
}

export async function openIdToken(user: ApiUser): Promise<Record<string, unknown>> {
  const { status, body } = await api(
    user,
    'POST',
    `/_matrix/client/v3/user/${encodeURIComponent(user.userId)}/openid/request_token`,
    {},
  );
  if (status !== 200) throw new Error(`openid request_token: ${status} ${json(body)}`);
  return body;
}

export async function createRoom(
  user: ApiUser,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const { status, body } = await api<{ room_id: string }>(
    user,
    'POST',
    '/_matrix/client/v3/createRoom',
    {
      preset: 'private_chat',
      ...extra,
    },
  );
  if (status !== 200) throw new Error(`createRoom: ${status} ${json(body)}`);
  return body.room_id;
}
