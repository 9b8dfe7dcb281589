import { loadRnnoise, RnnoiseWorkletNode } from '@sapphi-red/web-noise-suppressor';
import workletUrl from '@sapphi-red/web-noise-suppressor/rnnoiseWorklet.js?url';
import wasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise.wasm?url';
import simdWasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise_simd.wasm?url';
import type { AudioProcessorOptions, Track, TrackProcessor } from 'livekit-client';
import { RNNOISE_PROCESSOR, RNNOISE_SAMPLE_RATE } from './noise-suppression';

/**
 * RNNoise (through @sapphi-red/web-noise-suppressor) as a LiveKit audio track processor: the
 * microphone runs through an AudioWorklet that removes background noise, and the processed track
 * is what LiveKit sends. The worklet and the WebAssembly come from our own origin (bundled by
 * Vite), so this works on a fully self-hosted stack. Loaded lazily, with the call code.
 *
 * RNNoise works on 48 kHz sound. LiveKit's audio context runs at the device's rate; when that is
 * not 48 kHz the processor runs its own 48 kHz context (Web Audio resamples the microphone into
 * it, and the processed track out of it).
 */
export class RnnoiseProcessor implements TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> {
  readonly name = RNNOISE_PROCESSOR;
  processedTrack?: MediaStreamTrack;
  /** The microphone track the processor listens to. */
  source?: MediaStreamTrack;
  private ownContext?: AudioContext;
  private graph?: { input: MediaStreamAudioSourceNode; rnnoise: RnnoiseWorkletNode };

  async init(options: AudioProcessorOptions): Promise<void> {
    if (typeof AudioWorkletNode === 'undefined')
      throw new Error('this browser cannot run audio worklets');
    const context = this.contextFor(options.audioContext);
    let wasmBinary: ArrayBuffer;
    try {
      [wasmBinary] = await Promise.all([loadWasm(), addWorklet(context)]);
    } catch (error) {
      // LiveKit drops a processor whose init fails without destroying it: close our context now.
      await this.destroy();
      throw error;
    }
    // Not awaited: without a user gesture yet, resuming waits for one (the browser's autoplay rule).
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const input = context.createMediaStreamSource(new MediaStream([options.track]));
    const rnnoise = new RnnoiseWorkletNode(context, { maxChannels: 1, wasmBinary });
    // One channel in and out: a stereo microphone is mixed down, as voice is sent in mono.
    rnnoise.channelCount = 1;
    rnnoise.channelCountMode = 'explicit';
    const output = context.createMediaStreamDestination();
    input.connect(rnnoise).connect(output);
    this.graph = { input, rnnoise };
    this.source = options.track;
    this.processedTrack = output.stream.getAudioTracks()[0];
  }

  /** A new microphone track (another device, other processing) or a new audio context. */
  async restart(options: AudioProcessorOptions): Promise<void> {
    this.teardown();
    await this.init(options);
  }

  async destroy(): Promise<void> {
    this.teardown();
    const context = this.ownContext;
    this.ownContext = undefined;
    if (context && context.state !== 'closed') await context.close();
  }

  private contextFor(given: AudioContext | undefined): AudioContext {
    if (given?.sampleRate === RNNOISE_SAMPLE_RATE && given.state !== 'closed') return given;
    if (!this.ownContext || this.ownContext.state === 'closed')
      this.ownContext = new AudioContext({ sampleRate: RNNOISE_SAMPLE_RATE });
    return this.ownContext;
  }

  private teardown(): void {
    this.processedTrack?.stop();
    this.processedTrack = undefined;
    this.source = undefined;
    if (!this.graph) return;
    this.graph.input.disconnect();
    this.graph.rnnoise.disconnect();
    this.graph.rnnoise.destroy();
    this.graph = undefined;
  }
}

/** The WebAssembly, fetched once per page (the SIMD build where the browser has SIMD). */
let wasm: Promise<ArrayBuffer> | undefined;
const loadWasm = () => {
  wasm ??= loadRnnoise({ url: wasmUrl, simdUrl: simdWasmUrl }).catch((error: unknown) => {
    wasm = undefined;
    throw error;
  });
  return wasm;
};

/** The worklet's module, added once per audio context (a second registration would fail). */
const worklets = new WeakMap<BaseAudioContext, Promise<void>>();
const addWorklet = (context: BaseAudioContext) => {
  let added = worklets.get(context);
  if (!added) {
    added = context.audioWorklet.addModule(workletUrl);
    added.catch(() => worklets.delete(context));
    worklets.set(context, added);
  }
  return added;
};
