import type { AudioProcessorOptions, LocalAudioTrack, Track, TrackProcessor } from 'livekit-client';
import type { NoiseSuppression } from './voice-settings';

/** The name our RNNoise processor carries on a LiveKit track. */
export const RNNOISE_PROCESSOR = 'haos-rnnoise';
/** RNNoise is trained on, and only works with, 48 kHz sound. */
export const RNNOISE_SAMPLE_RATE = 48_000;

/** Enhanced (RNNoise) noise suppression could not start: the browser's own is used instead. */
export class NoiseSuppressorFailure extends Error {
  readonly code = 'NOISE_SUPPRESSOR_FAILED';

  constructor(cause: unknown) {
    const detail = String((cause as { message?: unknown } | undefined)?.message ?? cause);
    super(
      `Enhanced noise suppression could not start (NOISE_SUPPRESSOR_FAILED: ${detail}). Using your browser's noise suppression instead.`,
    );
    this.name = 'NoiseSuppressorFailure';
  }
}

/** What the microphone track needs to match the chosen noise suppression. */
export function noiseSuppressionStep(
  running: string | undefined,
  mode: NoiseSuppression,
): 'start' | 'stop' | 'keep' {
  const enhanced = running === RNNOISE_PROCESSOR;
  if (mode === 'enhanced') return enhanced ? 'keep' : 'start';
  return enhanced ? 'stop' : 'keep';
}

type AudioProcessor = TrackProcessor<Track.Kind.Audio, AudioProcessorOptions>;
/** A processor as seen from its track; ours tells which microphone it listens to. */
type RunningProcessor = { name: string; source?: MediaStreamTrack } | undefined;
export type ProcessorTrack = Pick<LocalAudioTrack, 'setProcessor' | 'stopProcessor'> & {
  getProcessor(): RunningProcessor;
};

/**
 * Starts or stops RNNoise on the microphone track (loading it, with its worklet and WebAssembly,
 * the first time). LiveKit sends the processed track in place of the raw one, during the call.
 * A failure to start is a NoiseSuppressorFailure; the track is then left without a processor.
 */
export async function applyNoiseSuppression(
  track: ProcessorTrack,
  mode: NoiseSuppression,
  load: () => Promise<AudioProcessor> = loadRnnoise,
): Promise<void> {
  const step = noiseSuppressionStep(track.getProcessor()?.name, mode);
  if (step === 'stop') await track.stopProcessor();
  if (step !== 'start') return;
  try {
    await track.setProcessor(await load());
  } catch (error) {
    throw new NoiseSuppressorFailure(error);
  }
}

const loadRnnoise = async () => new (await import('./rnnoise-processor')).RnnoiseProcessor();

/** The microphone RNNoise listens to, when it runs on this track. */
export function processorSource(track: {
  getProcessor(): RunningProcessor;
}): MediaStreamTrack | undefined {
  const processor = track.getProcessor();
  return processor?.name === RNNOISE_PROCESSOR ? processor.source : undefined;
}
