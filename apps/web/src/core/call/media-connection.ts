import { VideoPresets, type Room } from 'livekit-client';
import type { MatrixRTCSession } from 'matrix-js-sdk/lib/matrixrtc';
import type { VoiceStoreApi } from '../../stores/voice-store';
import type { VoiceSettings } from '../devices/voice-settings';
import { captureOptions } from '../devices/capture-options';
import { SHORT_RECONNECT_POLICY } from './call-policy';
import { bindKeys, MatrixKeyProvider } from './key-provider';
import type { LivekitFactory } from './livekit-factory';
import { gateRoomOf, MediaGate } from './media-gate';
import { bindRoomEvents, type RoomEventHandlers } from './room-events';
import { readRoomStats, watchSignalPing } from './rtc-stats';
import type { SfuConfig } from './sfu-token';
import type { StatsReading } from './connection-stats';

export interface MediaConnectionOptions {
  livekit: LivekitFactory;
  store: VoiceStoreApi;
  roomId: string;
  /** The call's MatrixRTC session, whose media keys feed LiveKit's E2EE in encrypted rooms. */
  rtc: MatrixRTCSession | undefined;
  encrypted: boolean;
  settings: VoiceSettings;
  /** The display name of a Matrix user in this room (for people listening without joining). */
  nameOf: (userId: string) => string | undefined;
  /** What the Room's events do to the call (the session's side). */
  handlers: (room: Room) => Omit<RoomEventHandlers, 'admits'>;
}

/**
 * One LiveKit Room of a call, from creation to disconnect: its options, the E2EE worker and
 * keys, the event bindings and the membership gate (only call members are subscribed to). The
 * CallSession owns one at a time and makes a new one when the SFU connection was lost for good.
 */
export class MediaConnection {
  readonly room: Room;
  private readonly worker: Worker | undefined;
  private readonly keys: MatrixKeyProvider | undefined;
  private readonly gate: MediaGate;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly options: MediaConnectionOptions,
    readonly sfu: SfuConfig,
  ) {
    const { livekit, store, roomId, encrypted, settings } = options;
    this.keys = encrypted ? new MatrixKeyProvider() : undefined;
    this.worker = this.keys ? livekit.createE2EEWorker() : undefined;
    this.room = livekit.createRoom({
      audioCaptureDefaults: captureOptions(settings, false),
      adaptiveStream: true,
      dynacast: true,
      webAudioMix: true,
      // Several layers per camera and share, so that a small tile receives a small one.
      publishDefaults: { simulcast: true },
      videoCaptureDefaults: { resolution: VideoPresets.h720.resolution },
      reconnectPolicy: SHORT_RECONNECT_POLICY,
      ...(this.keys && this.worker
        ? { e2ee: { keyProvider: this.keys, worker: this.worker } }
        : {}),
    });
    const on = options.handlers(this.room);
    this.gate = new MediaGate(
      gateRoomOf(this.room),
      roomId,
      store,
      (userId) => options.nameOf(userId),
      (c) => on.write(c),
    );
    this.cleanups.push(
      () => this.gate.close(),
      bindRoomEvents(this.room, store, { ...on, admits: (identity) => this.gate.admits(identity) }),
    );
  }

  /** In encrypted rooms: MatrixRTC's media keys go to LiveKit, and E2EE is switched on. */
  async enableEncryption(): Promise<void> {
    if (!this.keys || !this.options.rtc) return;
    this.cleanups.push(bindKeys(this.options.rtc, this.keys));
    await this.room.setE2EEEnabled(true);
  }

  /**
   * Connects to the SFU without subscribing to anything by itself: the gate subscribes to the
   * call's members, and only to them. Relay-only (a privacy setting): ICE uses the SFU's TURN
   * relay, never a direct path, so the others never learn this device's address.
   */
  async connect(): Promise<void> {
    await this.room.connect(this.sfu.url, this.sfu.jwt, {
      autoSubscribe: false,
      ...(this.options.settings.relayOnly ? { rtcConfig: { iceTransportPolicy: 'relay' } } : {}),
    });
    this.gate.sync();
  }

  /** Follows the round-trip time to the SFU while connected. */
  watchPing(report: (pingMs: number) => void): void {
    this.cleanups.push(watchSignalPing(this.room, report));
  }

  readStats(): Promise<StatsReading> {
    return readRoomStats(this.room, this.sfu.url);
  }

  /** Unbinds, detaches every remote track, disconnects, and ends the E2EE worker. */
  async close(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const participant of this.room.remoteParticipants.values())
      for (const publication of participant.trackPublications.values()) publication.track?.detach();
    await this.room.disconnect().catch(() => undefined);
    // LiveKit leaves the E2EE worker to its owner (it holds key material): end it.
    this.worker?.terminate();
  }
}
