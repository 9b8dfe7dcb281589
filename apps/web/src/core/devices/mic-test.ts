import type { MicLevelStoreApi } from '../../stores/mic-level-store';
import { captureOptions } from './capture-options';
import { InputGate } from './input-gate';
import { LevelMeter } from './level-meter';
import type { VoiceSettings } from './voice-settings';

export type MicTestState =
  | { status: 'idle' }
  | { status: 'opening' }
  | { status: 'running' }
  | { status: 'failed'; error: string };

/**
 * Outside a call: opens the chosen microphone with the chosen processing and feeds its level
 * (and the threshold in use) to the level store, for the settings' meter. Returns the stop.
 */
export async function startMicTest(
  settings: () => VoiceSettings,
  levels: MicLevelStoreApi,
): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: captureOptions(settings()),
  });
  const track = stream.getAudioTracks()[0];
  if (!track) throw new Error('The browser gave no microphone track.');
  const meter = new LevelMeter(track);
  const gate = new InputGate(settings());
  const timer = setInterval(() => {
    gate.configure(settings());
    const { db } = meter.read();
    gate.push(db, performance.now());
    levels.setState({ levelDb: db, thresholdDb: gate.thresholdDb, live: true });
  }, 50);
  return () => {
    clearInterval(timer);
    meter.stop();
    track.stop();
    levels.setState({ live: false, levelDb: -100 });
  };
}
