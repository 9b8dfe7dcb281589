import './node-polyfills';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ClientEvent, createClient, SyncState, type MatrixClient } from 'matrix-js-sdk';
import {
  matrixRequest,
  registerUser,
  type TestUser,
} from '../../../stack/src/testing/matrix-users';
import { createServer } from '../src/core/matrix/servers';
import { membershipArgs } from '../src/core/call/membership';
import { bindVoiceRoster } from '../src/core/call/roster';
import { discoverTransport, type LivekitTransport } from '../src/core/call/transport';
import { createRoomsStore } from '../src/stores/rooms-store';
import { createVoiceStore } from '../src/stores/voice-store';

/**
 * The call membership HAOS sends, checked on the wire against Element Call's format, on the
 * real Synapse of the stack; and the voice roster's resistance to hostile memberships.
 */
const stack = inject('stack');
const hs = stack.urls.synapse;
const CALL_MEMBER = 'org.matrix.msc3401.call.member';

let ada: TestUser;
let bo: TestUser;
let client: MatrixClient;
let voiceId: string;
let transport: LivekitTransport;

const until = async <T>(read: () => Promise<T | undefined> | T | undefined, what: string) => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

const stateOf = (user: TestUser, stateKey: string) =>
  matrixRequest<Record<string, unknown>>(
    hs,
    user,
    'GET',
    `/_matrix/client/v3/rooms/${encodeURIComponent(voiceId)}/state/${CALL_MEMBER}/${encodeURIComponent(stateKey)}`,
  ).catch(() => undefined);

beforeAll(async () => {
  const tag = Date.now().toString(36);
  [ada, bo] = await Promise.all([registerUser(hs, `ada${tag}`), registerUser(hs, `bo${tag}`)]);
  client = createClient({
    baseUrl: hs,
    userId: ada.userId,
    accessToken: ada.accessToken,
    deviceId: ada.deviceId,
  });
  const prepared = new Promise<void>((resolve) => {
    const onSync = (state: SyncState) => {
      if (state !== SyncState.Prepared) return;
      client.off(ClientEvent.Sync, onSync);
      resolve();
    };
    client.on(ClientEvent.Sync, onSync);
  });
  await client.startClient({ initialSyncLimit: 1 });
  await prepared;
  const server = await createServer(client, 'Wire Lab');
  voiceId = server.voiceId;
  await matrixRequest(
    hs,
    bo,
    'POST',
    `/_matrix/client/v3/join/${encodeURIComponent(server.serverId)}`,
    {},
  );
  await matrixRequest(hs, bo, 'POST', `/_matrix/client/v3/join/${encodeURIComponent(voiceId)}`, {});
  transport = await discoverTransport(client, undefined);
});

afterAll(() => {
  client?.stopClient();
});

describe('call membership on the wire', () => {
  it('finds the call service through the homeserver (MSC4143 transports)', () => {
    expect(transport).toEqual({ type: 'livekit', livekit_service_url: stack.urls.server });
  });

  it("sends Element Call's membership event, schedules a delayed leave, and leaves with {}", async () => {
    const room = await until(() => client.getRoom(voiceId) ?? undefined, 'the voice room');
    const session = client.matrixRTC.getRoomSession(room);
    session.joinRTCSession(...membershipArgs(ada.userId, ada.deviceId, transport, voiceId, false));

    const stateKey = `_${ada.userId}_${ada.deviceId}_m.call`;
    const content = await until(async () => {
      const c = await stateOf(bo, stateKey);
      return c && Object.keys(c).length > 0 ? c : undefined;
    }, 'the membership event');
    expect(content).toMatchObject({
      application: 'm.call',
      call_id: '',
      scope: 'm.room',
      device_id: ada.deviceId,
      'm.call.intent': 'audio',
      focus_active: { type: 'livekit', focus_selection: 'multi_sfu' },
      foci_preferred: [
        { type: 'livekit', livekit_service_url: stack.urls.server, livekit_alias: voiceId },
      ],
    });
    expect(content.expires).toEqual(expect.any(Number));

    // A delayed "leave" (MSC4140) waits on the homeserver, so a crash ends the membership.
    const delayed = await until(async () => {
      const body = await matrixRequest<{ delayed_events?: Record<string, unknown>[] }>(
        hs,
        ada,
        'GET',
        '/_matrix/client/unstable/org.matrix.msc4140/delayed_events',
      );
      return body.delayed_events?.find((e) => e.state_key === stateKey);
    }, 'the delayed leave');
    expect(delayed).toMatchObject({ type: CALL_MEMBER, content: {} });
    expect(delayed.delay).toBeLessThanOrEqual(15_000);

    await session.leaveRoomSession(5000);
    await until(async () => {
      const c = await stateOf(bo, stateKey);
      return c && Object.keys(c).length === 0 ? c : undefined;
    }, 'the empty leave event');
  });

  it('lists only real memberships under the channel, whatever junk others send', async () => {
    const rooms = createRoomsStore();
    const voice = createVoiceStore();
    const channel = {
      id: voiceId,
      name: 'General',
      kind: 'voice' as const,
      topic: '',
      unread: 0,
      mentions: 0,
      encrypted: false,
    };
    rooms.setState({
      servers: [
        {
          id: '!server',
          name: 'Wire Lab',
          avatarMxc: undefined,
          unread: 0,
          mentions: 0,
          canManage: true,
          channels: [channel],
          categories: [],
          groups: [
            { key: 'voice', title: 'Voice channels', categoryId: undefined, channels: [channel] },
          ],
        },
      ],
    });
    const unbind = bindVoiceRoster(client, rooms, voice);
    try {
      const send = (stateKey: string, content: unknown) =>
        matrixRequest(
          hs,
          bo,
          'PUT',
          `/_matrix/client/v3/rooms/${encodeURIComponent(voiceId)}/state/${CALL_MEMBER}/${encodeURIComponent(stateKey)}`,
          content,
        );
      const junk: [string, unknown][] = [
        [`_${bo.userId}_J1_m.call`, { application: 'm.call', device_id: 42, focus_active: 'x' }],
        [
          `_${bo.userId}_J2_m.call`,
          {
            application: 'm.call',
            call_id: '',
            scope: 'm.room',
            device_id: 'J2',
            expires: 'never',
            foci_preferred: 'nope',
          },
        ],
        [`_${bo.userId}_J3_m.call`, { application: { nested: true }, device_id: 'J3' }],
        [`_${bo.userId}_J4_m.call`, { memberships: [{ device_id: 'OLD' }] }],
        [
          `_${bo.userId}_J5_m.call`,
          {
            application: 'm.call',
            call_id: '',
            scope: 'm.room',
            device_id: 'J5'.repeat(400),
            expires: 3_600_000,
            focus_active: { type: 'livekit' },
            foci_preferred: [],
          },
        ],
        [
          '_@nobody:elsewhere.test_X_m.call',
          {
            application: 'm.call',
            call_id: '',
            scope: 'm.room',
            device_id: 'X',
            expires: 3_600_000,
            focus_active: { type: 'livekit', focus_selection: 'oldest_membership' },
            foci_preferred: [],
          },
        ],
        ['', { application: 'm.call', call_id: '', scope: 'm.room' }],
      ];
      for (const [key, content] of junk) await send(key, content);
      // One real membership, in Element Call's format, from Bo.
      await send(`_${bo.userId}_BODEVICE_m.call`, {
        application: 'm.call',
        call_id: '',
        scope: 'm.room',
        device_id: 'BODEVICE',
        expires: 3_600_000,
        'm.call.intent': 'audio',
        focus_active: { type: 'livekit', focus_selection: 'multi_sfu' },
        foci_preferred: [{ ...transport, livekit_alias: voiceId }],
      });
      const roster = await until(() => {
        const list = voice.getState().roster[voiceId];
        return list?.some((m) => m.deviceId === 'BODEVICE') ? list : undefined;
      }, 'Bo in the roster');
      // Malformed contents, an oversize device ID and left-over old formats are dropped. A
      // well-formed membership is attributed to its sender, whatever its state key claims.
      expect(roster.map((m) => [m.userId, m.deviceId, m.identity])).toEqual([
        [bo.userId, 'X', `${bo.userId}:X`],
        [bo.userId, 'BODEVICE', `${bo.userId}:BODEVICE`],
      ]);
    } finally {
      unbind();
    }
  });
});
