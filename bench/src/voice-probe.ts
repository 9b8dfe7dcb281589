import { QUIET_MS } from './voice-page.js';

/** RMS (0..1) from which a sound counts as heard, after at least QUIET_MS below it. */
const THRESHOLD = 0.02;
/** Analyser window (samples; 512 at 48 kHz is 10.7 ms) and polling period of the taps. */
const FFT_SIZE = 512;
const POLL_MS = 5;

/**
 * Runs in every page before the app (plain JavaScript, so that nothing the TypeScript runner
 * adds leaks into the page). Two taps, polled every few milliseconds:
 * - the ear: every WebAudio connection into a context's speakers is also fed to an analyser
 *   (as the e2e hearing probe does), so it hears what the person hears;
 * - the mouth: every microphone stream getUserMedia hands the app is also fed to an analyser.
 * Each records onsets: the absolute time (performance.timeOrigin + performance.now()) at which
 * the level rises above the threshold after a quiet spell, refined to the first loud sample.
 */
export const PROBE = `(() => {
  const OPTS = ${JSON.stringify({ threshold: THRESHOLD, quietMs: QUIET_MS, fftSize: FFT_SIZE, intervalMs: POLL_MS })};
  const now = () => performance.timeOrigin + performance.now();
  const detector = () => ({ taps: [], onsets: [], lastLoudAt: -Infinity, level: 0 });
  const bench = { heard: detector(), spoken: detector() };
  window.haosBench = bench;

  const connect = AudioNode.prototype.connect;
  const outputTaps = new WeakMap();
  AudioNode.prototype.connect = function (...args) {
    const destination = args[0];
    if (destination instanceof AudioDestinationNode) {
      let tap = outputTaps.get(destination.context);
      if (!tap) {
        tap = destination.context.createAnalyser();
        tap.fftSize = OPTS.fftSize;
        outputTaps.set(destination.context, tap);
        bench.heard.taps.push(tap);
      }
      connect.call(this, tap);
    }
    return connect.apply(this, args);
  };

  const media = navigator.mediaDevices;
  if (media && media.getUserMedia) {
    const getUserMedia = media.getUserMedia.bind(media);
    let context;
    media.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      const tracks = stream.getAudioTracks();
      if (tracks.length > 0) {
        context = context || new AudioContext();
        context.resume().catch(() => undefined);
        const tap = context.createAnalyser();
        tap.fftSize = OPTS.fftSize;
        context.createMediaStreamSource(new MediaStream(tracks)).connect(tap);
        bench.spoken.taps.push(tap);
      }
      return stream;
    };
  }

  const buffer = new Float32Array(OPTS.fftSize);
  const poll = (d) => {
    let level = 0;
    let loudForMs = 0;
    for (const tap of d.taps) {
      if (tap.context.state !== 'running') continue;
      tap.getFloatTimeDomainData(buffer);
      let sum = 0;
      let first = -1;
      for (let i = 0; i < buffer.length; i++) {
        const s = buffer[i];
        sum += s * s;
        if (first < 0 && Math.abs(s) >= OPTS.threshold) first = i;
      }
      const rms = Math.sqrt(sum / buffer.length);
      if (rms > level) {
        level = rms;
        loudForMs = first < 0 ? 0 : ((buffer.length - first) / tap.context.sampleRate) * 1000;
      }
    }
    const t = now();
    d.level = level;
    if (level < OPTS.threshold) return;
    if (t - d.lastLoudAt >= OPTS.quietMs) d.onsets.push(t - Math.min(loudForMs, t - d.lastLoudAt));
    d.lastLoudAt = t;
  };
  setInterval(() => {
    poll(bench.heard);
    poll(bench.spoken);
  }, OPTS.intervalMs);
})();`;
