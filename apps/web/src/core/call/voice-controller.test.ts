import { EventEmitter } from 'node:events';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MatrixClient } from 'matrix-js-sdk';

/**
 * Join/leave ordering of VoiceController and CallSession, against a fake LiveKit Room (through
 * the injected factory) and a fake MatrixRTC session: fast clicks must never leave two calls,
 * a leave must never wipe the call that follows it, and a failed call clears in one click.
 */
const rooms: FakeRoom[] = [];
class FakeRoom extends EventEmitter {
  state = 'disconnected';
  isE2EEEnabled = false;
  remoteParticipants = new Map();
  engine = { client: { rtt: 10 } };
  localParticipant = {
    identity: '@me:hs:DEV',
    attributes: {},
    isEncrypted: false,
    getTrackPublication: () => undefined,
    setMicrophoneEnabled: () => Promise.resolve(undefined),
    setAttributes: () => Promise.resolve(),
  };
  constructor() {
    super();
    rooms.push(this);
  }
  async connect() {
    await new Promise((r) => setTimeout(r, 5));
    this.state = 'connected';
  }
  disconnect() {
    this.state = 'disconnected';
    return Promise.resolve();
  }
  setE2EEEnabled() {
    return Promise.resolve();
  }
}
vi.mock('./livekit-factory', () => ({
  livekitFactory: {
    createRoom: () => new FakeRoom(),
    createE2EEWorker: () => ({ terminate() {} }),
  },
}));

class FakeRtc extends EventEmitter {
  joined = false;
  joinRTCSession() {
    this.joined = true;
  }
  isJoined() {
    return this.joined;
  }
  async leaveRoomSession() {
    await new Promise((r) => setTimeout(r, 50));
    this.joined = false;
    return true;
  }
  reemitEncryptionKeys() {}
}
const sessions = new Map<string, FakeRtc>();
const rtcOf = (roomId: string) => sessions.get(roomId);

function fakeClient(openId: () => Promise<unknown> = () => Promise.resolve({ access_token: 'x' })) {
  return {
    getRoom: (roomId: string) => ({ roomId, hasEncryptionStateEvent: () => false }),
    matrixRTC: {
      getRoomSession: ({ roomId }: { roomId: string }) => {
        if (!sessions.has(roomId)) sessions.set(roomId, new FakeRtc());
        return sessions.get(roomId);
      },
    },
    getUserId: () => '@me:hs',
    getDeviceId: () => 'DEV',
    getOpenIdToken: openId,
    _unstable_getRTCTransports: () =>
      Promise.resolve([{ type: 'livekit', livekit_service_url: 'http://127.0.0.1:1' }]),
    getDomain: () => 'hs',
    getHomeserverUrl: () => 'http://127.0.0.1:2',
  } as unknown as MatrixClient;
}

const payload = Buffer.from(JSON.stringify({ sub: '@me:hs:DEV', video: { room: 'r' } })).toString(
  'base64url',
);
const connected = () => rooms.filter((r) => r.state === 'connected').length;
const settle = () => new Promise((r) => setTimeout(r, 120));

async function controller(client = fakeClient()) {
  const { VoiceController } = await import('./voice-controller');
  return new VoiceController(() => client, undefined);
}

// The call code loads on demand; load it once up front, so that no test's time limit pays for
// it (on a busy machine it can take seconds).
beforeAll(async () => {
  await Promise.all([import('./voice-controller'), import('./call-session')]);
}, 60_000);

beforeEach(() => {
  rooms.length = 0;
  sessions.clear();
  vi.stubGlobal(
    'fetch',
    vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify({ url: 'ws://lk', jwt: `a.${payload}.c` }))),
    ),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('VoiceController', () => {
  it('Disconnect then another channel: the new call stays, the old one is gone', async () => {
    const voice = await controller();
    await voice.join('!a');
    expect(voice.store.getState().call?.phase).toBe('connected');
    await Promise.all([voice.leave(false), voice.join('!b')]);
    await settle();
    expect(voice.store.getState().call).toMatchObject({ roomId: '!b', phase: 'connected' });
    expect(rtcOf('!a')?.isJoined()).toBe(false);
    expect(rtcOf('!b')?.isJoined()).toBe(true);
    expect(connected()).toBe(1);
  });

  it('quick clicks on two channels, or from A to B to C, end in one call: the last one', async () => {
    const voice = await controller();
    await voice.join('!A');
    const toB = voice.join('!B');
    await new Promise((r) => setTimeout(r, 10));
    await Promise.all([toB, voice.join('!C')]);
    await settle();
    expect(voice.store.getState().call?.roomId).toBe('!C');
    expect([rtcOf('!A')?.isJoined(), rtcOf('!B')?.isJoined(), rtcOf('!C')?.isJoined()]).toEqual([
      false,
      false,
      true,
    ]);
    expect(connected()).toBe(1);
    await voice.leave(false);
    expect(connected()).toBe(0);
    expect(rtcOf('!C')?.isJoined()).toBe(false);
    expect(voice.store.getState().call).toBeUndefined();
  });

  it('a double click joins once', async () => {
    const voice = await controller();
    await Promise.all([voice.join('!e'), voice.join('!e')]);
    expect(rooms).toHaveLength(1);
    await voice.leave(false);
    expect(connected()).toBe(0);
  });

  it('a failed call is cleared by one Disconnect', async () => {
    const voice = await controller(fakeClient(() => Promise.reject(new Error('nope'))));
    await voice.join('!f');
    expect(voice.store.getState().call).toMatchObject({
      phase: 'failed',
      error: { code: 'OPENID_FAILED' },
    });
    await voice.leave();
    expect(voice.store.getState().call).toBeUndefined();
  });

  it('signing out while a join is under way leaves no call behind', async () => {
    const voice = await controller();
    const joining = voice.join('!g');
    await voice.stop();
    await joining;
    await settle();
    expect(connected()).toBe(0);
    expect(rtcOf('!g')?.isJoined() ?? false).toBe(false);
    expect(voice.store.getState().call).toBeUndefined();
  });
});
