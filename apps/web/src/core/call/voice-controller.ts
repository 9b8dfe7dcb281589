import type { MatrixClient } from 'matrix-js-sdk';
import { createVoiceStore, type VoiceStoreApi } from '../../stores/voice-store';
import { createPopoutStore } from '../../stores/popout-store';
import type * as CallSessionModule from './call-session';
import type { CallSession } from './call-session';
import type { VideoSource } from './local-video';
import type { JoinOptions } from './membership';
import type * as FactoryModule from './livekit-factory';
import { CallSounds, type CallSound } from './sounds';
import { markCallStep } from './timing';
import { discoverTransport, type LivekitTransport } from './transport';
import { clampVolume, clearPrefs, loadPrefs, savePrefs, type PeoplePrefs } from './voice-prefs';
import { VolumeSync } from './volume-sync';
import { createMicLevelStore } from '../../stores/mic-level-store';
import type { StatsReading } from './connection-stats';
import type { VoiceSettings } from '../devices/voice-settings';

type CallModule = typeof CallSessionModule & typeof FactoryModule;

/** Loads the call code (LiveKit) on demand, so the first screen does not pay for it. */
const loadCallModule = async (): Promise<CallModule> => {
  const [session, factory] = await Promise.all([
    import('./call-session'),
    import('./livekit-factory'),
  ]);
  return { ...session, ...factory };
};

/**
 * The voice side of the app: at most one call at a time, and the actions the voice UI calls
 * (join, leave, mute, deafen, per-person volume). Free of React; state lives in `store`.
 */
export class VoiceController {
  readonly store: VoiceStoreApi = createVoiceStore();
  /** Your microphone's live level (for the settings' meter), apart: it changes all the time. */
  readonly levels = createMicLevelStore();
  /** The call's picture-in-picture window, when popped out (it closes when the call ends). */
  readonly popout = createPopoutStore();
  private call: CallSession | undefined;
  private transport: Promise<LivekitTransport> | undefined;
  private readonly sounds = new CallSounds();
  private userId: string | undefined;
  private volumeSync: VolumeSync | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Moves on at sign-out, so that work queued for the old session stops. */
  private generation = 0;

  constructor(
    private readonly getClient: () => MatrixClient | undefined,
    private readonly configuredService: string | undefined,
  ) {}

  /** After sign-in: restore this user's voice preferences, and warm up the call code. */
  start(userId: string): void {
    this.userId = userId;
    this.store.setState({ ...loadPrefs(userId) });
    const client = this.getClient();
    if (client) {
      this.volumeSync = new VolumeSync(
        client,
        () => this.people(),
        (people) => {
          this.store.setState(people);
          this.persist();
        },
      );
      this.volumeSync.start();
    }
    setTimeout(() => void loadCallModule().catch(() => undefined), 2000);
  }

  /** On sign-out: leave any call and forget this user's voice preferences. */
  async stop(): Promise<void> {
    // Joins queued or loading for the old user must not start.
    this.generation++;
    await this.enqueue(() => this.endCall(false));
    await this.volumeSync?.stop();
    this.volumeSync = undefined;
    if (this.userId) clearPrefs(this.userId);
    this.userId = undefined;
    this.transport = undefined;
    this.sounds.close();
    this.store.setState(createVoiceStore().getState(), true);
  }

  /**
   * Joins a voice channel, leaving the one you are in. Joining the current one again is a
   * no-op. Joins and leaves run one after another, so fast clicks never leave two calls.
   * A video call turns your camera on once connected; `onRingSent` hears of a ring sent.
   */
  async join(
    roomId: string,
    options: JoinOptions = { intent: 'audio' },
    onRingSent?: (eventId: string) => void,
  ): Promise<void> {
    markCallStep('join');
    const generation = this.generation;
    let joining: Promise<void> | undefined;
    await this.enqueue(async () => {
      const client = this.getClient();
      if (!client || generation !== this.generation) return;
      const current = this.store.getState().call;
      if (this.call && current?.roomId === roomId && current.phase !== 'failed') return;
      await this.endCall(false);
      const { CallSession, livekitFactory } = await loadCallModule();
      if (generation !== this.generation) return;
      this.transport ??= discoverTransport(client, this.configuredService);
      const transport = this.transport;
      const call = new CallSession(
        {
          client,
          voice: this.store,
          levels: this.levels,
          updateSettings: (patch) => this.updateSettings(patch),
          livekit: livekitFactory,
          discoverTransport: () =>
            transport.catch((error: unknown) => {
              this.transport = undefined;
              throw error;
            }),
        },
        roomId,
        options,
        onRingSent,
      );
      this.call = call;
      this.cue('join');
      // Not awaited here: a Disconnect may come while it connects.
      joining = call.join();
    });
    await joining;
    const call = this.store.getState().call;
    if (options.intent === 'video' && call?.roomId === roomId && call.phase === 'connected')
      await this.setCamera(true);
  }

  /** Disconnects from the current call. */
  leave(withSound = true): Promise<void> {
    return this.enqueue(() => this.endCall(withSound));
  }

  /** Joins the channel of a failed call again (the Rejoin button). */
  async rejoin(): Promise<void> {
    const roomId = this.store.getState().call?.roomId;
    if (roomId) await this.join(roomId);
  }

  /** The current call's WebRTC stats and SFU (for Connection info), when it is connected. */
  readStats(): Promise<StatsReading | undefined> {
    return this.call?.readStats() ?? Promise.resolve(undefined);
  }

  private async endCall(withSound: boolean): Promise<void> {
    this.popout.getState().window?.close();
    this.popout.setState({ window: undefined });
    const call = this.call;
    this.call = undefined;
    if (!call) {
      if (this.store.getState().call) this.store.setState({ call: undefined });
      return;
    }
    if (withSound) this.cue('leave');
    await call.leave();
  }

  /** Runs call operations one at a time, in order, whatever the previous one did. */
  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async toggleMute(): Promise<void> {
    const { micMuted, deafened } = this.store.getState();
    if (deafened) {
      // Discord: unmuting while deafened undeafens too.
      this.store.setState({ deafened: false, micMuted: false });
      this.cue('undeafen');
      await this.call?.announceDeafened(false);
    } else {
      this.store.setState({ micMuted: !micMuted });
      this.cue(micMuted ? 'unmute' : 'mute');
    }
    await this.call?.applyMic();
  }

  async toggleDeafen(): Promise<void> {
    const deafened = !this.store.getState().deafened;
    this.store.setState({ deafened });
    this.cue(deafened ? 'deafen' : 'undeafen');
    await this.call?.announceDeafened(deafened);
    await this.call?.applyMic();
  }

  setUserVolume(userId: string, volume: number): void {
    const volumes = { ...this.store.getState().volumes, [userId]: clampVolume(volume) };
    this.store.setState({ volumes });
    this.persist();
    this.volumeSync?.push(this.people());
  }

  toggleLocalMute(userId: string): void {
    const { [userId]: was, ...rest } = this.store.getState().localMutes;
    this.store.setState({ localMutes: was ? rest : { ...rest, [userId]: true } });
    this.persist();
    this.volumeSync?.push(this.people());
  }

  private people(): PeoplePrefs {
    const { volumes, localMutes } = this.store.getState();
    return { volumes, localMutes };
  }

  /** Turns your camera on (optionally a given one) or off, in the current call. */
  async setCamera(on: boolean, deviceId?: string): Promise<void> {
    await this.call?.setCamera(on, deviceId);
  }

  /** Shares a screen, window or tab in the current call (the browser asks which). */
  async startScreenShare(): Promise<void> {
    await this.call?.startScreenShare();
  }

  async stopScreenShare(): Promise<void> {
    await this.call?.stopScreenShare();
  }

  /** Shows a participant's camera or screen in a video element; returns the undo. */
  attachVideo(identity: string, source: VideoSource, element: HTMLVideoElement): () => void {
    return this.call?.attachVideo(identity, source, element) ?? (() => undefined);
  }

  /** Your volume for someone's screen share sound (0..1); not remembered across calls. */
  setShareVolume(identity: string, volume: number): void {
    const shareVolumes = {
      ...this.store.getState().shareVolumes,
      [identity]: clampVolume(volume, 1),
    };
    this.store.setState({ shareVolumes });
  }

  setSoundVolume(volume: number): void {
    this.store.setState({ soundVolume: clampVolume(volume, 1) });
    this.persist();
  }

  /**
   * Changes voice & video settings: remembered, and applied to the call at once (devices are
   * switched, the microphone re-opened for new processing; the input mode applies on its own).
   */
  async updateSettings(patch: Partial<VoiceSettings>): Promise<void> {
    const before = this.store.getState().settings;
    const settings = { ...before, ...patch };
    this.store.setState({ settings });
    this.persist();
    await this.call?.applySettings(before, settings);
  }

  dismissDeviceNotice(): void {
    this.store.setState({ deviceNotice: undefined });
  }

  private cue(sound: CallSound): void {
    this.sounds.play(sound, this.store.getState().soundVolume);
  }

  private persist(): void {
    if (!this.userId) return;
    const { volumes, localMutes, soundVolume, settings } = this.store.getState();
    savePrefs(this.userId, { volumes, localMutes, soundVolume, settings });
  }
}
