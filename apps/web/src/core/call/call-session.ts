import {
  ConnectionState,
  Track,
  type LocalTrackPublication,
  type Participant,
  type Room,
} from 'livekit-client';
import type { MatrixClient } from 'matrix-js-sdk';
import { MatrixRTCSessionEvent, type MatrixRTCSession } from 'matrix-js-sdk/lib/matrixrtc';
import {
  connectingCall,
  NO_MEDIA,
  type ActiveCall,
  type VoiceStore,
  type VoiceStoreApi,
} from '../../stores/voice-store';
import { CallFailure } from './call-error';
import type { LivekitFactory } from './livekit-factory';
import { DEAFENED_ATTRIBUTE, mediaStateOf, sameMedia } from './media-state';
import { applyVolumes } from './room-volumes';
import { fetchSfuToken } from './sfu-token';
import { MEMBERSHIP_TIMING, membershipArgs, type JoinOptions } from './membership';
import { markCallStep } from './timing';
import type { RoomEventHandlers } from './room-events';
import type { LivekitTransport } from './transport';
import { LocalMic } from './local-mic';
import type { MicLevelStoreApi } from '../../stores/mic-level-store';
import type { VoiceSettings } from '../devices/voice-settings';
import { attachVideo, LocalVideo, type VideoSource } from './local-video';
import { retryWithBackoff } from './backoff';
import type { StatsReading } from './connection-stats';
import { FINAL_DISCONNECTS, micStateOf, RECOVERY_DELAYS_MS } from './call-policy';
import { MediaConnection } from './media-connection';
import { LeaveDelegator, tokenWithDelegation } from './delegation';

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
  /** The current LiveKit Room with what belongs to it (a new one after the SFU was lost). */
  private media: MediaConnection | undefined;
  private rtc: MatrixRTCSession | undefined;
  /** Hands our delayed leave event to the token service each time the SDK schedules one. */
  private delegator: LeaveDelegator | undefined;
  private ended = false;
  /** This session's mark in the store: only the session the store shows may write to it. */
  private readonly id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  private recovering = false;
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

  private get room() {
    return this.media?.room;
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
    this.store.setState({ call: connectingCall(this.id, this.roomId, encrypted), ...NO_MEDIA });
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
      const delegator = new LeaveDelegator(
        rtc,
        (delegation) =>
          fetchSfuToken(client, transport.livekit_service_url, this.roomId, undefined, delegation),
        MEMBERSHIP_TIMING.delayedLeaveEventDelayMs,
        client.baseUrl,
      );
      this.delegator = delegator;
      this.rtcCleanups.push(() => {
        rtc.off(MatrixRTCSessionEvent.MembershipManagerError, onMembershipError);
        rtc.off(MatrixRTCSessionEvent.DidSendCallNotification, onRing);
        delegator.close();
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
    const sfu = await tokenWithDelegation(
      this.env.client,
      transport.livekit_service_url,
      this.roomId,
      this.delegator,
    );
    if (this.ended) return;
    const { client } = this.env;
    const media = new MediaConnection(
      {
        livekit: this.env.livekit,
        store: this.store,
        roomId: this.roomId,
        rtc: this.rtc,
        encrypted,
        settings: this.store.getState().settings,
        nameOf: (userId) => client.getRoom(this.roomId)?.getMember(userId)?.name,
        handlers: (room) => this.roomHandlers(room),
      },
      sfu,
    );
    this.media = media;
    await media.enableEncryption();
    if (this.ended || this.media !== media) return;
    announce?.();
    if (encrypted) this.rtc?.reemitEncryptionKeys();
    try {
      await media.connect();
    } catch (error) {
      if (this.ended) return;
      throw new CallFailure(
        'SFU_UNREACHABLE',
        `The voice server could not be reached (${(error as Error).message}). Try again in a moment.`,
      );
    }
    if (this.ended || this.media !== media) {
      // Left (or moved on) while connecting: this Room is no longer anyone's.
      await media.close();
      return;
    }
    const room = media.room;
    this.patch({ phase: 'connected', retry: undefined, e2eeActive: room.isE2EEEnabled });
    markCallStep('connected');
    this.refreshAll();
    media.watchPing((pingMs) => this.patch({ pingMs }));
    const { settings } = this.store.getState();
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
    const media = this.media;
    if (!media || this.ended || media.room.state !== ConnectionState.Connected) return undefined;
    return media.readStats();
  }

  /** Leaves the call: LiveKit first (media stops at once), then the membership. */
  async leave(): Promise<void> {
    // The panel goes at once; a failed call (already torn down) is just cleared.
    if (this.owns()) this.store.setState({ call: undefined, ...NO_MEDIA });
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
    this.mic.detach();
    const media = this.media;
    this.media = undefined;
    await media?.close();
    if (this.owns()) this.store.setState(NO_MEDIA);
  }

  private async teardown(): Promise<void> {
    for (const cleanup of this.rtcCleanups.splice(0)) cleanup();
    await this.dropMedia();
    if (this.rtc?.isJoined()) await this.rtc.leaveRoomSession(1000).catch(() => false);
    this.rtc = undefined;
  }

  /** What the current Room's events do to this call. */
  private roomHandlers(room: Room): Omit<RoomEventHandlers, 'admits'> {
    return {
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
    };
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
