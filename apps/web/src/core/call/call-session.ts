import {
  ConnectionState,
  Track,
  VideoPresets,
  type LocalTrackPublication,
  type Participant,
  type Room,
} from 'livekit-client';
import type { MatrixClient } from 'matrix-js-sdk';
import { MatrixRTCSessionEvent, type MatrixRTCSession } from 'matrix-js-sdk/lib/matrixrtc';
import type { ActiveCall, VoiceStore, VoiceStoreApi } from '../../stores/voice-store';
import { CallFailure } from './call-error';
import { bindKeys, MatrixKeyProvider } from './key-provider';
import type { LivekitFactory } from './livekit-factory';
import { DEAFENED_ATTRIBUTE, mediaStateOf, sameMedia } from './media-state';
import { applyVolumes } from './room-volumes';
import { fetchSfuToken } from './sfu-token';
import { membershipArgs, type JoinOptions } from './membership';
import { markCallStep } from './timing';
import { bindRoomEvents } from './room-events';
import type { LivekitTransport } from './transport';
import { LocalMic } from './local-mic';
import type { MicLevelStoreApi } from '../../stores/mic-level-store';
import type { VoiceSettings } from '../devices/voice-settings';
import { captureOptions } from '../devices/capture-options';
import { attachVideo, LocalVideo, type VideoSource } from './local-video';
import { retryWithBackoff } from './backoff';
import { readRoomStats, watchSignalPing } from './rtc-stats';
import type { StatsReading } from './connection-stats';
import {
  FINAL_DISCONNECTS,
  micStateOf,
  RECOVERY_DELAYS_MS,
  SHORT_RECONNECT_POLICY,
} from './call-policy';

export interface CallEnvironment {
  client: MatrixClient;
  voice: VoiceStoreApi;
  levels: MicLevelStoreApi;
  /** Changes (and remembers) voice settings, e.g. when a chosen device was removed. */
  updateSettings(patch: Partial<VoiceSettings>): Promise<void>;
  discoverTransport(): Promise<LivekitTransport>;
  livekit: LivekitFactory;
}

/**
 * One voice call: owns the room's MatrixRTC session membership and the LiveKit Room, and
 * mirrors their state into the voice store. Joining: discover the call service, exchange an
 * OpenID token for a LiveKit JWT, connect, announce the membership (with a delayed leave, so a
 * crashed client disappears), and in encrypted rooms feed MatrixRTC's media keys to LiveKit.
 */
export class CallSession {
  private room: Room | undefined;
  private rtc: MatrixRTCSession | undefined;
  private ended = false;
  /** This session's mark in the store: only the session the store shows may write to it. */
  private readonly id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  private worker: Worker | undefined;
  private recovering = false;
  /** The SFU address the token service gave for the current Room. */
  private sfuUrl = '';
  /** Undo what was bound to the current LiveKit Room. */
  private readonly cleanups: (() => void)[] = [];
  /** Undo what was bound to the MatrixRTC session (lives across Room reconnects). */
  private readonly rtcCleanups: (() => void)[] = [];
  /** Your camera and screen share. */
  private readonly video = new LocalVideo(
    (changes) => this.patch(changes),
    (room) => this.refresh(room.localParticipant),
  );
  /** Your microphone past mute: input gate, level, warnings, devices and processing. */
  private readonly mic: LocalMic;

  constructor(
    private readonly env: CallEnvironment,
    readonly roomId: string,
    private readonly options: JoinOptions = { intent: 'audio' },
    /** Told the ring's event ID once the SDK has sent it (calls that ring). */
    private readonly onRingSent?: (eventId: string) => void,
  ) {
    this.mic = new LocalMic(env, (changes) => this.write(changes));
  }

  private get store(): VoiceStoreApi {
    return this.env.voice;
  }

  /** The store shows this session (not an earlier or later one). */
  private owns(): boolean {
    return this.store.getState().call?.id === this.id;
  }

  /** Writes to the store while this session is live and shown; later writes are dropped. */
  private write(changes: Partial<VoiceStore>): void {
    if (!this.ended && this.owns()) this.store.setState(changes);
  }

  private patch(changes: Partial<ActiveCall>): void {
    const call = this.store.getState().call;
    if (this.ended || call?.id !== this.id) return;
    this.store.setState({ call: { ...call, ...changes } });
  }

  async join(): Promise<void> {
    const { client } = this.env;
    const matrixRoom = client.getRoom(this.roomId);
    const encrypted = matrixRoom?.hasEncryptionStateEvent() ?? false;
    this.store.setState({
      call: {
        id: this.id,
        roomId: this.roomId,
        phase: 'connecting',
        error: undefined,
        encrypted,
        e2eeActive: false,
        pingMs: undefined,
        quality: 'unknown',
        retry: undefined,
        mic: 'pending',
        camera: { status: 'off' },
        share: { status: 'off' },
      },
      media: {},
      speaking: {},
      quality: {},
    });
    try {
      if (!matrixRoom) throw new CallFailure('NOT_ALLOWED', 'You are not in this channel.');
      const transport = await this.env.discoverTransport();
      if (this.ended) return;
      const rtc = client.matrixRTC.getRoomSession(matrixRoom);
      this.rtc = rtc;
      // The SDK gave up announcing us (refused by power levels, retries used up): others would
      // neither see nor hear us, so say so rather than sit in a call alone.
      const onMembershipError = (error: unknown) =>
        void this.fail(
          new CallFailure(
            'MEMBERSHIP_FAILED',
            `Your homeserver did not accept your place in this call (${String((error as Error)?.message ?? error)}).`,
          ),
        );
      rtc.on(MatrixRTCSessionEvent.MembershipManagerError, onMembershipError);
      const onRing = (sent: { event_id: string }) => this.onRingSent?.(sent.event_id);
      rtc.on(MatrixRTCSessionEvent.DidSendCallNotification, onRing);
      this.rtcCleanups.push(() => {
        rtc.off(MatrixRTCSessionEvent.MembershipManagerError, onMembershipError);
        rtc.off(MatrixRTCSessionEvent.DidSendCallNotification, onRing);
      });
      await this.connectMedia(transport, encrypted, () => {
        const userId = client.getUserId() ?? '';
        const deviceId = client.getDeviceId() ?? '';
        this.rtc?.joinRTCSession(
          ...membershipArgs(userId, deviceId, transport, this.roomId, encrypted, this.options),
        );
      });
    } catch (error) {
      await this.fail(error);
    }
  }

  /**
   * Gets a fresh LiveKit JWT and connects a new LiveKit Room (also after the SFU was lost).
   * `announce` runs once the Room exists and before it connects, so that the membership goes
   * out while media is still connecting.
   */
  private async connectMedia(
    transport: LivekitTransport,
    encrypted: boolean,
    announce?: () => void,
  ): Promise<void> {
    const sfu = await fetchSfuToken(this.env.client, transport.livekit_service_url, this.roomId);
    if (this.ended) return;
    this.sfuUrl = sfu.url;
    const keys = encrypted ? new MatrixKeyProvider() : undefined;
    const worker = keys ? this.env.livekit.createE2EEWorker() : undefined;
    this.worker = worker;
    const { settings } = this.store.getState();
    const room = this.env.livekit.createRoom({
      audioCaptureDefaults: captureOptions(settings, false),
      adaptiveStream: true,
      dynacast: true,
      webAudioMix: true,
      // Several layers per camera and share, so that a small tile receives a small one.
      publishDefaults: { simulcast: true },
      videoCaptureDefaults: { resolution: VideoPresets.h720.resolution },
      reconnectPolicy: SHORT_RECONNECT_POLICY,
      ...(keys && worker ? { e2ee: { keyProvider: keys, worker } } : {}),
    });
    this.room = room;
    this.bindRoom(room);
    if (keys && this.rtc) {
      this.cleanups.push(bindKeys(this.rtc, keys));
      await room.setE2EEEnabled(true);
      if (this.ended || this.room !== room) return;
    }
    announce?.();
    if (keys) this.rtc?.reemitEncryptionKeys();
    try {
      // Relay-only (a privacy setting): ICE uses the SFU's TURN relay, never a direct path.
      await room.connect(
        sfu.url,
        sfu.jwt,
        settings.relayOnly ? { rtcConfig: { iceTransportPolicy: 'relay' } } : undefined,
      );
    } catch (error) {
      if (this.ended) return;
      throw new CallFailure(
        'SFU_UNREACHABLE',
        `The voice server could not be reached (${(error as Error).message}). Try again in a moment.`,
      );
    }
    if (this.ended || this.room !== room) {
      // Left (or moved on) while connecting: this Room is no longer anyone's.
      await room.disconnect().catch(() => undefined);
      return;
    }
    this.patch({ phase: 'connected', retry: undefined, e2eeActive: room.isE2EEEnabled });
    markCallStep('connected');
    this.refreshAll();
    this.cleanups.push(watchSignalPing(room, (pingMs) => this.patch({ pingMs })));
    if (settings.outputId)
      await this.mic.switchDevice(room, 'audiooutput', settings.outputId).catch(() => undefined);
    await this.applyMic();
    if (this.store.getState().deafened) await this.announceDeafened(true);
    await this.video.restore(room);
  }

  /**
   * The SFU connection is gone and LiveKit's own resume and reconnect gave up (for instance the
   * SFU restarted and lost the room). Keep the membership, and connect again with fresh tokens,
   * backing off; if that fails too, tell the person and leave the call.
   */
  private async recover(): Promise<void> {
    if (this.ended || this.recovering) return;
    this.recovering = true;
    this.patch({ phase: 'reconnecting' });
    const transport = await this.env.discoverTransport().catch(() => undefined);
    const encrypted = this.store.getState().call?.encrypted ?? false;
    const result = await retryWithBackoff(RECOVERY_DELAYS_MS, {
      prepare: () => this.dropMedia(),
      report: (retry) => this.patch({ phase: 'reconnecting', retry }),
      cancelled: () => this.ended || !transport,
      attempt: async () => {
        if (transport) await this.connectMedia(transport, encrypted);
        return this.room?.state === ConnectionState.Connected;
      },
    });
    this.recovering = false;
    if (result.back) return;
    const reason = result.error ? (result.error as Error).message : 'it stayed unreachable';
    await this.fail(
      new CallFailure(
        'CONNECTION_LOST',
        `Lost the connection to the voice server and could not get it back (${reason}).`,
      ),
    );
  }

  /** The current Room's WebRTC stats and SFU, for the connection info panel. */
  async readStats(): Promise<StatsReading | undefined> {
    const room = this.room;
    if (!room || this.ended || room.state !== ConnectionState.Connected) return undefined;
    return readRoomStats(room, this.sfuUrl);
  }

  /** Leaves the call: LiveKit first (media stops at once), then the membership. */
  async leave(): Promise<void> {
    // The panel goes at once; a failed call (already torn down) is just cleared.
    if (this.owns()) this.store.setState({ call: undefined, media: {}, speaking: {}, quality: {} });
    if (this.ended) return;
    this.ended = true;
    await this.teardown();
  }

  /** Applies the store's mute and deafen state to the microphone. */
  async applyMic(): Promise<void> {
    const room = this.room;
    if (!room || this.ended || this.store.getState().call?.phase === 'failed') return;
    const { micMuted, deafened } = this.store.getState();
    const enabled = !micMuted && !deafened;
    const hadTrack = !!room.localParticipant.getTrackPublication(Track.Source.Microphone)?.track;
    // Muted before the microphone was ever opened: nothing to do (and a blocked microphone's
    // warning stays until an attempt succeeds).
    if (!enabled && !hadTrack) return;
    try {
      await this.mic.enable(room, enabled);
      if (this.ended || this.room !== room) return;
      this.patch({ mic: 'ok' });
      this.mic.attach(room);
    } catch (error) {
      if (this.ended || this.room !== room) return;
      this.patch({ mic: micStateOf(error) });
      this.write({ micMuted: true });
    }
    this.refresh(room.localParticipant);
  }

  /** Applies changed voice settings to the call: devices switched, the microphone re-opened. */
  async applySettings(before: VoiceSettings, after: VoiceSettings): Promise<void> {
    const room = this.room;
    if (!room || this.ended) return;
    await this.mic.applySettings(room, before, after, (id) => this.video.switchCamera(room, id));
  }

  /** Turns your camera on (optionally a given one) or off; failures leave your voice as it is. */
  setCamera(on: boolean, deviceId?: string): Promise<void> {
    if (this.ended) return Promise.resolve();
    const chosen = deviceId ?? (this.store.getState().settings.cameraId || undefined);
    return this.video.setCamera(this.room, on, chosen);
  }

  /** Shares a screen, window or tab; cancelling the browser's picker is not an error. */
  startScreenShare(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return this.video.startShare(this.room);
  }

  stopScreenShare(): Promise<void> {
    return this.video.stopShare(this.room);
  }

  /** Shows someone's camera or screen in a video element; returns the undo. */
  attachVideo(identity: string, source: VideoSource, element: HTMLVideoElement): () => void {
    return attachVideo(this.room, identity, source, element);
  }

  /** Tells the others (HAOS clients) that you are deafened, and silences everyone for you. */
  async announceDeafened(deafened: boolean): Promise<void> {
    this.applyVolumes();
    const room = this.room;
    if (!room || room.state !== ConnectionState.Connected) return;
    await room.localParticipant
      .setAttributes({ [DEAFENED_ATTRIBUTE]: deafened ? 'true' : 'false' })
      .catch(() => undefined);
  }

  /** Per-person volume (0..2), "mute for me" and deafen, applied to every remote participant. */
  applyVolumes(): void {
    if (this.room) applyVolumes(this.room, this.roomId, this.store.getState());
  }

  private async fail(error: unknown): Promise<void> {
    if (this.ended) return;
    const failure =
      error instanceof CallFailure
        ? error
        : new CallFailure(
            'SFU_UNREACHABLE',
            `The call could not start: ${(error as Error).message}`,
          );
    this.patch({
      phase: 'failed',
      retry: undefined,
      error: { code: failure.code, message: failure.message },
    });
    this.ended = true;
    await this.teardown();
  }

  /** Disconnects and forgets the LiveKit Room (the membership stays). */
  private async dropMedia(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.mic.detach();
    const room = this.room;
    this.room = undefined;
    for (const participant of room?.remoteParticipants.values() ?? [])
      for (const publication of participant.trackPublications.values()) publication.track?.detach();
    await room?.disconnect().catch(() => undefined);
    // LiveKit leaves the E2EE worker to its owner (it holds key material): end it.
    this.worker?.terminate();
    this.worker = undefined;
    if (this.owns()) this.store.setState({ media: {}, speaking: {}, quality: {} });
  }

  private async teardown(): Promise<void> {
    for (const cleanup of this.rtcCleanups.splice(0)) cleanup();
    await this.dropMedia();
    if (this.rtc?.isJoined()) await this.rtc.leaveRoomSession(1000).catch(() => false);
    this.rtc = undefined;
  }

  private bindRoom(room: Room): void {
    this.cleanups.push(
      bindRoomEvents(room, this.store, {
        participantChanged: (participant) => this.refresh(participant),
        volumesChanged: () => this.applyVolumes(),
        localUnpublished: (publication: LocalTrackPublication) =>
          void this.video.unpublished(room, publication),
        write: (changes) => this.write(changes),
        patch: (changes) => this.patch(changes),
        disconnected: (reason) => {
          if (this.ended || this.room !== room) return;
          const final = reason === undefined ? undefined : FINAL_DISCONNECTS[reason];
          if (final) void this.fail(new CallFailure('CONNECTION_LOST', final));
          else void this.recover();
        },
      }),
    );
  }

  private refreshAll(): void {
    const room = this.room;
    if (!room) return;
    this.refresh(room.localParticipant);
    for (const p of room.remoteParticipants.values()) this.refresh(p);
    this.applyVolumes();
  }

  private refresh(participant: Participant): void {
    if (this.ended) return;
    const next = mediaStateOf(participant);
    const { media } = this.store.getState();
    if (sameMedia(media[participant.identity], next)) return;
    this.write({ media: { ...media, [participant.identity]: next } });
  }
}
