import { describe, expect, inject, it } from 'vitest';
import { Room } from '@livekit/rtc-node';
import { AccessToken, RoomServiceClient, TokenVerifier } from 'livekit-server-sdk';
import { createRoom, registerUser, requestOpenIdToken, matrixRequest } from '@haos/stack';

const stack = inject('stack');
const hs = stack.urls.synapse;
const unique = () => Math.random().toString(36).slice(2, 8);

async function postJson(
  path: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${stack.urls.server}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('token service against the real Synapse and LiveKit', () => {
  it('turns a real OpenID token into a JWT that LiveKit accepts, and LiveKit sees the participant', async () => {
    const alice = await registerUser(hs, `alice-${unique()}`);
    const roomId = await createRoom(hs, alice, { name: 'Voice' });
    const openid = await requestOpenIdToken(hs, alice);

    const { status, json } = await postJson('/sfu/get', {
      room: roomId,
      openid_token: openid,
      device_id: alice.deviceId,
    });
    expect(status).toBe(200);
    expect(json.url).toBe(stack.urls.livekit);
    const claims = await new TokenVerifier(stack.livekit.apiKey, stack.livekit.apiSecret).verify(
      json.jwt as string,
    );
    expect(claims.name).toBe(alice.userId);
    const alias = claims.video?.room as string;

    const room = new Room();
    await room.connect(json.url as string, json.jwt as string, {
      autoSubscribe: false,
      dynacast: false,
    });
    expect(room.isConnected).toBe(true);
    try {
      const service = new RoomServiceClient(
        stack.urls.livekitApi,
        stack.livekit.apiKey,
        stack.livekit.apiSecret,
      );
      const participants = await service.listParticipants(alias);
      expect(participants.map((p) => p.identity)).toEqual([claims.sub]);
      expect(participants[0]?.name).toBe(alice.userId);
    } finally {
      await room.disconnect();
    }
  });

  it('issues tokens through /get_token too, with the member in the identity', async () => {
    const alice = await registerUser(hs, `alice-${unique()}`);
    const roomId = await createRoom(hs, alice);
    const openid = await requestOpenIdToken(hs, alice);
    const { status, json } = await postJson('/get_token', {
      room_id: roomId,
      slot_id: 'm.call#ROOM',
      openid_token: openid,
      member: { id: 'member-a', claimed_user_id: alice.userId, claimed_device_id: alice.deviceId },
    });
    expect(status).toBe(200);
    const claims = await new TokenVerifier(stack.livekit.apiKey, stack.livekit.apiSecret).verify(
      json.jwt as string,
    );
    expect(claims.video?.roomJoin).toBe(true);
    expect(claims.video?.roomCreate).toBeUndefined();
  });

  it('refuses a user who is not in the room with 403 M_FORBIDDEN, and admits them once they join', async () => {
    const alice = await registerUser(hs, `alice-${unique()}`);
    const bob = await registerUser(hs, `bob-${unique()}`);
    const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
    const bobOpenId = await requestOpenIdToken(hs, bob);
    const refused = await postJson('/sfu/get', {
      room: roomId,
      openid_token: bobOpenId,
      device_id: bob.deviceId,
    });
    expect(refused.status).toBe(403);
    expect(refused.json.errcode).toBe('M_FORBIDDEN');

    await matrixRequest(
      hs,
      bob,
      'POST',
      `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`,
      {},
    );
    const admitted = await postJson('/sfu/get', {
      room: roomId,
      openid_token: bobOpenId,
      device_id: bob.deviceId,
    });
    expect(admitted.status).toBe(200);
  });

  it('refuses a forged OpenID token with the generic 401', async () => {
    const alice = await registerUser(hs, `alice-${unique()}`);
    const roomId = await createRoom(hs, alice);
    const forged = {
      access_token: 'not-a-real-token',
      token_type: 'Bearer',
      matrix_server_name: stack.serverName,
      expires_in: 3600,
    };
    const { status, json } = await postJson('/sfu/get', {
      room: roomId,
      openid_token: forged,
      device_id: 'X',
    });
    expect(status).toBe(401);
    expect(json).toEqual({
      errcode: 'M_UNAUTHORIZED',
      error: 'The OpenID token could not be verified',
    });
  });

  it('runs LiveKit with auto-create off: a valid JWT for a room nobody created cannot connect', async () => {
    const token = new AccessToken(stack.livekit.apiKey, stack.livekit.apiSecret, {
      identity: `probe-${unique()}`,
      ttl: 60,
    });
    token.addGrant({ room: `never-created-${unique()}`, roomJoin: true });
    const room = new Room();
    await expect(
      room.connect(stack.urls.livekit, await token.toJwt(), {
        autoSubscribe: false,
        dynacast: false,
      }),
    ).rejects.toThrow(/room|not found|404/i);
    await room.disconnect();
  });

  it('serves .well-known with the token service as the rtc focus, and the MSC4143 transports', async () => {
    const wellKnown = (await (await fetch(`${hs}/.well-known/matrix/client`)).json()) as Record<
      string,
      unknown
    >;
    expect(wellKnown['org.matrix.msc4143.rtc_foci']).toEqual([
      { type: 'livekit', livekit_service_url: stack.urls.server },
    ]);
    const alice = await registerUser(hs, `alice-${unique()}`);
    const transports = await matrixRequest<{ rtc_transports: unknown[] }>(
      hs,
      alice,
      'GET',
      '/_matrix/client/unstable/org.matrix.msc4143/rtc/transports',
    );
    expect(transports.rtc_transports).toEqual([
      { type: 'livekit', livekit_service_url: stack.urls.server },
    ]);
    const versions = (await (await fetch(`${hs}/_matrix/client/versions`)).json()) as {
      unstable_features: Record<string, boolean>;
    };
    expect(versions.unstable_features['org.matrix.msc4140']).toBe(true);
  });
});
