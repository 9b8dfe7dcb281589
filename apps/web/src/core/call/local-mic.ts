import { Track, type LocalAudioTrack, type Room } from 'livekit-client';
import type { VoiceStore, VoiceStoreApi } from '../../stores/voice-store';
import type { MicLevelStoreApi } from '../../stores/mic-level-store';
import { InputGate } from '../devices/input-gate';
import { LevelMeter } from '../devices/level-meter';
import { MicWarnings } from '../devices/mic-warnings';
import type { VoiceSettings } from '../devices/voice-settings';
import { captureOptions } from '../devices/capture-options';
import {
  applyNoiseSuppression,
  NoiseSuppressorFailure,
  processorSource,
} from '../devices/noise-suppression';
import {
  DEVICE_KINDS,
  DEVICE_NAME,
  settingOf,
  watchDevices,
  type DeviceKind,
} from '../devices/media-devices';
import { devicesChanged } from '../devices/device-fallback';
import { bindPushToTalk } from '../devices/push-to-talk';
import { SpeakingDetector } from './voice-activity';

const PROCESSING = ['echoCancellation', 'noiseSuppression', 'autoGainControl'] as const;
const captureChanged = (before: VoiceSettings, after: VoiceSettings) => {
  const [a, b] = [captureOptions(before, false), captureOptions(after, false)];
  return PROCESSING.some((key) => a[key] !== b[key]);
};

/** How often the microphone level is read and the input gate decided (ms). */
export const MIC_TICK_MS = 40;

const micTrackOf = (room: Room) =>
  room.localParticipant.getTrackPublication(Track.Source.Microphone)?.track as
    LocalAudioTrack | undefined;

/**
 * Your microphone in a call, past mute: measures its level (on a clone, so it is known while
 * nothing is sent), decides with the input gate (voice activity or push-to-talk) whether it is
 * sent, and gates the sent track by disabling it (others receive silence; LiveKit's mute state,
 * which others show as "Muted", is left alone). Also drives your own speaking ring, the
 * "Transmitting" state, the level meter and the microphone warnings, and switches devices and
 * processing on the call's LiveKit Room. With Enhanced noise suppression, RNNoise processes the
 * microphone and the processed track is the one sent, measured and gated.
 */
export class LocalMic {
  private room: Room | undefined;
  private meter: LevelMeter | undefined;
  /** With RNNoise: the microphone before it, for the "silent microphone" warning. */
  private deviceMeter: LevelMeter | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private gate: InputGate;
  private readonly warnings = new MicWarnings();
  private readonly speaking = new SpeakingDetector();
  private readonly store: VoiceStoreApi;
  private readonly levels: MicLevelStoreApi;
  private unbind: (() => void)[] = [];

  constructor(
    private readonly env: {
      voice: VoiceStoreApi;
      levels: MicLevelStoreApi;
      updateSettings(patch: Partial<VoiceSettings>): Promise<void>;
    },
    private readonly write: (changes: Partial<VoiceStore>) => void,
  ) {
    this.store = env.voice;
    this.levels = env.levels;
    this.gate = new InputGate(this.store.getState().settings);
  }

  /** Starts watching the Room's microphone (again after a reconnect); a no-op when watching. */
  attach(room: Room): void {
    if (this.room === room && this.timer) {
      this.tick();
      return;
    }
    this.detach();
    this.room = room;
    this.timer = setInterval(() => this.tick(), MIC_TICK_MS);
    this.tick();
    // Push-to-talk whenever this tab has focus; devices plugged in or removed during the call.
    if (typeof window !== 'undefined')
      this.unbind.push(
        bindPushToTalk(
          window,
          () => {
            const { settings } = this.store.getState();
            return settings.mode === 'push-to-talk' ? settings.pttKey : '';
          },
          (held) => this.setPushToTalk(held),
        ),
      );
    const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (devices)
      this.unbind.push(
        watchDevices(
          devices,
          (lists) =>
            void devicesChanged(this.store, lists, (patch) => this.env.updateSettings(patch)),
        ),
      );
  }

  detach(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const undo of this.unbind.splice(0)) undo();
    this.meter?.stop();
    this.meter = undefined;
    this.deviceMeter?.stop();
    this.deviceMeter = undefined;
    this.room = undefined;
    this.warnings.reset();
    this.levels.setState({ live: false, levelDb: -100 });
    this.write({ transmitting: false, micWarning: undefined, inputInUse: undefined });
  }

  /**
   * Turns the microphone on or off (LiveKit's mute). The first time, it opens the chosen
   * microphone with the chosen processing; if that microphone is gone, the default one, saying so.
   */
  async enable(room: Room, enabled: boolean): Promise<void> {
    const { settings } = this.store.getState();
    try {
      await room.localParticipant.setMicrophoneEnabled(enabled, captureOptions(settings));
    } catch (error) {
      const gone = ['OverconstrainedError', 'NotFoundError'].includes((error as Error).name);
      if (!enabled || !settings.inputId || !gone) throw error;
      await room.localParticipant.setMicrophoneEnabled(true, captureOptions(settings, false));
      this.write({ deviceNotice: 'Your chosen microphone is not available: using the default.' });
    }
    if (enabled) await this.suppressNoise(room, settings);
  }

  /** The push-to-talk key went down or up (ignored unless push-to-talk is the input mode). */
  setPushToTalk(held: boolean): void {
    if (held) this.gate.press();
    else this.gate.release(performance.now());
    this.tick();
  }

  /** Switches the microphone, speakers or camera of the call to a chosen device ('' = default). */
  async switchDevice(room: Room, kind: DeviceKind, deviceId: string): Promise<void> {
    const id = deviceId || 'default';
    await room.switchActiveDevice(kind, id, id !== 'default');
    if (kind === 'audioinput') this.tick();
  }

  /**
   * Applies changed settings: switches the devices that changed (the camera through
   * `switchCamera`), and re-opens the microphone for changed processing. Failures are told.
   */
  async applySettings(
    room: Room,
    before: VoiceSettings,
    after: VoiceSettings,
    switchCamera: (deviceId: string) => Promise<void>,
  ): Promise<void> {
    for (const kind of DEVICE_KINDS) {
      const deviceId = after[settingOf(kind)];
      if (deviceId === before[settingOf(kind)]) continue;
      try {
        if (kind === 'videoinput') await switchCamera(deviceId);
        else await this.switchDevice(room, kind, deviceId);
      } catch (error) {
        this.write({
          deviceNotice: `Could not switch your ${DEVICE_NAME[kind]}: ${(error as Error).message}`,
        });
      }
    }
    // RNNoise stops before, and starts after, the microphone is re-opened without the browser's.
    const enhanced = after.noiseSuppression === 'enhanced';
    if (!enhanced) await this.suppressNoise(room, after);
    if (captureChanged(before, after)) {
      await this.applyProcessing(room, after).catch((error: unknown) =>
        this.write({
          deviceNotice: `Could not re-open your microphone: ${(error as Error).message}`,
        }),
      );
    }
    if (enhanced) await this.suppressNoise(room, after);
  }

  /**
   * Starts or stops RNNoise on the microphone to match the settings. If it cannot start, says so
   * (NOISE_SUPPRESSOR_FAILED) and re-opens the microphone with the browser's noise suppression.
   */
  private async suppressNoise(room: Room, settings: VoiceSettings): Promise<void> {
    const track = micTrackOf(room);
    if (!track) return;
    try {
      await applyNoiseSuppression(track, settings.noiseSuppression);
    } catch (error) {
      if (!(error instanceof NoiseSuppressorFailure)) throw error;
      this.write({ deviceNotice: error.message });
      await this.applyProcessing(room, { ...settings, noiseSuppression: 'browser' }).catch(
        () => undefined,
      );
    }
    this.tick();
  }

  /** Re-opens the microphone in use with new processing (echo cancellation, noise suppression, AGC). */
  async applyProcessing(room: Room, settings: VoiceSettings): Promise<void> {
    const track = micTrackOf(room);
    if (!track) return;
    const inUse = track.getSourceTrackSettings().deviceId;
    await track.restartTrack({
      ...captureOptions(settings, false),
      ...(inUse ? { deviceId: { exact: inUse } } : {}),
    });
    this.tick();
  }

  private tick(): void {
    const room = this.room;
    if (!room) return;
    const track = micTrackOf(room);
    const raw = track?.mediaStreamTrack;
    if (!track || !raw) return;
    // With RNNoise, `raw` is its output, gated below like any sent track; the microphone feeding
    // it stays on (LiveKit's mute disables it), so the level is known, and processed, while muted.
    const source = processorSource(track);
    if (source && !source.enabled) source.enabled = true;
    if (this.meter?.source !== raw) {
      this.meter?.stop();
      this.meter = new LevelMeter(raw);
      this.write({ inputInUse: (source ?? raw).label || 'Microphone' });
    }
    if (this.deviceMeter?.source !== source) {
      this.deviceMeter?.stop();
      this.deviceMeter = source && new LevelMeter(source);
    }
    const now = performance.now();
    const state = this.store.getState();
    this.gate.configure(state.settings);
    const { rms, db } = this.meter.read();
    this.gate.push(db, now);
    const sending = !track.isMuted && this.gate.open;
    // Disabling the sent track sends silence without announcing a mute to the others.
    if (raw.enabled !== sending) raw.enabled = sending;
    const changes: Partial<VoiceStore> = {};
    if (state.transmitting !== sending) changes.transmitting = sending;
    const deviceDb = this.deviceMeter?.read().db ?? db;
    if (this.warnings.push(db, this.gate.thresholdDb, track.isMuted, now, deviceDb))
      changes.micWarning = this.warnings.warning;
    const identity = room.localParticipant.identity;
    if (this.speaking.push(sending ? rms : 0, now))
      changes.speaking = { ...state.speaking, [identity]: this.speaking.speaking };
    if (Object.keys(changes).length > 0) this.write(changes);
    this.levels.setState({ levelDb: db, thresholdDb: this.gate.thresholdDb, live: true });
  }
}
