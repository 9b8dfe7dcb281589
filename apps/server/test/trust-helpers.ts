import { Room, RoomEvent } from '@livekit/rtc-node';
import { RoomServiceClient } from 'livekit-server-sdk';
import {
  createRoom,
  matrixRequest,
  registerUser,
  requestOpenIdToken,
  type TestUser,
} from '@haos/stack';

/** What integration tests get of the running stack (see stack/test/provided-context.d.ts). */
export interface StackInfo {
  urls: { synapse: string; server: string; livekit: string; livekitApi: string };
  livekit: { apiKey: string; apiSecret: string };
}

export const unique = () => Math.random().toString(36).slice(2, 8);

export const join = (hs: string, user: TestUser, roomId: string) =>
  matrixRequest(hs, user, 'POST', `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, {});

const stateKeyOf = (user: TestUser) => `_${user.userId}_${user.deviceId}_m.call`;

/** The call membership Element Call (and HAOS) sends for a device joining the room's call. */
export function sendCallMembership(
  hs: string,
  serviceUrl: string,
  user: TestUser,
  roomId: string,
): Promise<unknown> {
  return matrixRequest(
    hs,
    user,
    'PUT',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/org.matrix.msc3401.call.member/${encodeURIComponent(stateKeyOf(user))}`,
    {
      application: 'm.call',
      call_id: '',
      scope: 'm.room',
      device_id: user.deviceId,
      expires: 4 * 3600 * 1000,
      'm.call.intent': 'audio',
      focus_active: { type: 'livekit', focus_selection: 'multi_sfu' },
      foci_preferred: [{ type: 'livekit', livekit_service_url: serviceUrl, livekit_alias: roomId }],
    },
  );
}

/** The device's current call membership content ({} once it has left). */
export async function callMembershipContent(
  hs: string,
  user: TestUser,
  roomId: string,
): Promise<Record<string, unknown>> {
  return matrixRequest<Record<string, unknown>>(
    hs,
    user,
    'GET',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/org.matrix.msc3401.call.member/${encodeURIComponent(stateKeyOf(user))}`,
  );
}

export async function sfuToken(
  stack: StackInfo,
  user: TestUser,
  roomId: string,
): Promise<{ url: string; jwt: string }> {
  const openid = await requestOpenIdToken(stack.urls.synapse, user);
  const response = await fetch(`${stack.urls.server}/sfu/get`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ room: roomId, openid_token: openid, device_id: user.deviceId }),
  });
  const body = (await response.json()) as { url: string; jwt: string };
  if (!response.ok) throw new Error(`/sfu/get ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

export interface Connected {
  room: Room;
  identity: string;
  alias: string;
  /** Resolves with LiveKit's disconnect reason once the participant is disconnected. */
  disconnected: Promise<number | undefined>;
}

/** Connects a real LiveKit participant (rtc-node) with a token from the service. */
export async function connect(token: { url: string; jwt: string }): Promise<Connected> {
  const claims = JSON.parse(Buffer.from(token.jwt.split('.')[1] ?? '', 'base64url').toString()) as {
    sub: string;
    video: { room: string };
  };
  const room = new Room();
  const disconnected = new Promise<number | undefined>((resolve) => {
    room.once(RoomEvent.Disconnected, (reason?: number) => resolve(reason));
  });
  await room.connect(token.url, token.jwt, { autoSubscribe: false, dynacast: false });
  return { room, identity: claims.sub, alias: claims.video.room, disconnected };
}

export function roomService(stack: StackInfo): RoomServiceClient {
  return new RoomServiceClient(
    stack.urls.livekitApi,
    stack.livekit.apiKey,
    stack.livekit.apiSecret,
  );
}

/** A room with an owner and a member who both joined, ready for a call. */
export async function roomWithMember(stack: StackInfo) {
  const hs = stack.urls.synapse;
  const owner = await registerUser(hs, `owner-${unique()}`);
  const member = await registerUser(hs, `member-${unique()}`);
  const roomId = await createRoom(hs, owner, {
    preset: 'public_chat',
    name: 'Voice',
    // As MATRIXRTC.md says: members may send call memberships.
    power_level_content_override: { events: { 'org.matrix.msc3401.call.member': 0 } },
  });
  await join(hs, member, roomId);
  return { hs, owner, member, roomId };
}
