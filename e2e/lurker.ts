import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  Room,
  TrackPublishOptions,
  TrackSource,
} from '@livekit/rtc-node';
import { matrixRequest, registerUser, requestOpenIdToken, type TestUser } from '@haos/stack';
import { e2eStack } from './stack';

const RATE = 48_000;
const FRAME = RATE / 10; // 100 ms

/**
 * A hostile client, as a script: a real Matrix account that joins a server's voice channel,
 * gets an OpenID token from the real Synapse and a LiveKit token from the real token service,
 * and connects to the call's LiveKit room (with @livekit/rtc-node) publishing a steady tone,
 * without sending a call membership. It can send one later (`join`), as any MatrixRTC
 * client would.
 */
export class Lurker {
  private playing = true;
  private constructor(
    readonly user: TestUser,
    private readonly roomId: string,
    private readonly room: Room,
    private readonly pump: Promise<void>,
    private readonly stopPump: () => void,
  ) {}

  static async connect(
    spaceId: string,
    roomId: string,
    frequency: number,
    username: string,
  ): Promise<Lurker> {
    const { urls } = e2eStack();
    const hs = urls.synapse;
    const user = await registerUser(hs, username);
    for (const id of [spaceId, roomId])
      await matrixRequest(
        hs,
        user,
        'POST',
        `/_matrix/client/v3/join/${encodeURIComponent(id)}`,
        {},
      );
    const openid = await requestOpenIdToken(hs, user);
    const response = await fetch(`${urls.server}/sfu/get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ room: roomId, openid_token: openid, device_id: user.deviceId }),
    });
    if (!response.ok) throw new Error(`lurker /sfu/get: HTTP ${response.status}`);
    const sfu = (await response.json()) as { url: string; jwt: string };
    const room = new Room();
    await room.connect(sfu.url, sfu.jwt, { autoSubscribe: false, dynacast: false });
    const source = new AudioSource(RATE, 1);
    const track = LocalAudioTrack.createAudioTrack('microphone', source);
    await room.localParticipant!.publishTrack(
      track,
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    );
    // A steady sine, 100 ms a frame; captureFrame waits while its queue is full, which paces it.
    let phase = 0;
    let running = true;
    const pump = (async () => {
      while (running) {
        const frame = AudioFrame.create(RATE, 1, FRAME);
        for (let i = 0; i < FRAME; i++) {
          frame.data[i] = Math.round(Math.sin(phase) * 12_000);
          phase += (2 * Math.PI * frequency) / RATE;
        }
        await source.captureFrame(frame);
      }
    })();
    return new Lurker(user, roomId, room, pump, () => (running = false));
  }

  /** Sends the call membership Element Call (and HAOS) sends: now it has joined the call. */
  async join(): Promise<void> {
    const { urls } = e2eStack();
    const { userId, deviceId } = this.user;
    await matrixRequest(
      urls.synapse,
      this.user,
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(this.roomId)}/state/org.matrix.msc3401.call.member/${encodeURIComponent(`_${userId}_${deviceId}_m.call`)}`,
      {
        application: 'm.call',
        call_id: '',
        scope: 'm.room',
        device_id: deviceId,
        expires: 4 * 3600 * 1000,
        'm.call.intent': 'audio',
        focus_active: { type: 'livekit', focus_selection: 'multi_sfu' },
        foci_preferred: [
          { type: 'livekit', livekit_service_url: urls.server, livekit_alias: this.roomId },
        ],
      },
    );
  }

  async close(): Promise<void> {
    if (!this.playing) return;
    this.playing = false;
    this.stopPump();
    await this.pump.catch(() => undefined);
    await this.room.disconnect();
  }
}
