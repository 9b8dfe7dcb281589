import { describe, expect, it, vi } from 'vitest';
import {
  applyNoiseSuppression,
  NoiseSuppressorFailure,
  noiseSuppressionStep,
  processorSource,
  RNNOISE_PROCESSOR,
  type ProcessorTrack,
} from './noise-suppression';

describe('noiseSuppressionStep', () => {
  it.each([
    [undefined, 'enhanced', 'start'],
    [RNNOISE_PROCESSOR, 'enhanced', 'keep'],
    ['someone-elses', 'enhanced', 'start'],
    [RNNOISE_PROCESSOR, 'browser', 'stop'],
    [RNNOISE_PROCESSOR, 'off', 'stop'],
    [undefined, 'off', 'keep'],
    [undefined, 'browser', 'keep'],
    ['someone-elses', 'off', 'keep'],
  ] as const)('running %s, chosen %s: %s', (running, mode, step) => {
    expect(noiseSuppressionStep(running, mode)).toBe(step);
  });
});

/** A track that holds whichever processor it was given, as LiveKit's does. */
function fakeTrack() {
  let processor: { name: string; source?: MediaStreamTrack } | undefined;
  const track = {
    getProcessor: () => processor,
    setProcessor: vi.fn((p: { name: string }) => {
      processor = p;
      return Promise.resolve();
    }),
    stopProcessor: vi.fn(() => {
      processor = undefined;
      return Promise.resolve();
    }),
  };
  return track as typeof track & ProcessorTrack;
}

const rnnoise = (source?: MediaStreamTrack) => () =>
  Promise.resolve({
    name: RNNOISE_PROCESSOR,
    source,
    init: () => Promise.resolve(),
    restart: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
  });

describe('applyNoiseSuppression', () => {
  it('starts RNNoise once for Enhanced and stops it for the other choices', async () => {
    const track = fakeTrack();
    const load = vi.fn(rnnoise());
    await applyNoiseSuppression(track, 'enhanced', load);
    await applyNoiseSuppression(track, 'enhanced', load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(track.getProcessor()?.name).toBe(RNNOISE_PROCESSOR);
    await applyNoiseSuppression(track, 'browser', load);
    expect(track.stopProcessor).toHaveBeenCalledTimes(1);
    expect(track.getProcessor()).toBeUndefined();
    await applyNoiseSuppression(track, 'off', load);
    expect(track.stopProcessor).toHaveBeenCalledTimes(1);
  });

  it('a suppressor that cannot load or start fails with NOISE_SUPPRESSOR_FAILED and a reason', async () => {
    const track = fakeTrack();
    const failed = applyNoiseSuppression(track, 'enhanced', () =>
      Promise.reject(new Error('Unable to load a worklet')),
    );
    await expect(failed).rejects.toBeInstanceOf(NoiseSuppressorFailure);
    await expect(failed).rejects.toMatchObject({
      code: 'NOISE_SUPPRESSOR_FAILED',
      message: expect.stringContaining('Unable to load a worklet') as string,
    });
    track.setProcessor.mockRejectedValueOnce(new Error('Audio context needs to be set'));
    await expect(applyNoiseSuppression(track, 'enhanced', rnnoise())).rejects.toThrow(
      /could not start \(NOISE_SUPPRESSOR_FAILED: Audio context needs to be set\)/,
    );
    expect(track.getProcessor()).toBeUndefined();
  });
});

describe('processorSource', () => {
  it('is the microphone RNNoise listens to, and nothing for other processors', async () => {
    const mic = { kind: 'audio' } as MediaStreamTrack;
    const track = fakeTrack();
    expect(processorSource(track)).toBeUndefined();
    await applyNoiseSuppression(track, 'enhanced', rnnoise(mic));
    expect(processorSource(track)).toBe(mic);
    await track.setProcessor({ name: 'other', source: mic } as never);
    expect(processorSource(track)).toBeUndefined();
  });
});
