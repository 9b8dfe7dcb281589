import { describe, expect, it } from 'vitest';
import {
  connectionFigures,
  publicServerUrl,
  type RtcStat,
  type StatsSample,
} from './connection-stats';

/** A sample of one sent audio track and one received one, as Chrome reports them. */
function sample(
  at: number,
  sent: { bytes: number; fractionLost?: number },
  received: { bytes: number; packets: number; lost: number },
  pairRtt = 0.024,
): StatsSample {
  const pair: RtcStat = {
    id: 'CP1',
    type: 'candidate-pair',
    state: 'succeeded',
    nominated: true,
    currentRoundTripTime: pairRtt,
  };
  return {
    at,
    groups: [
      {
        key: 'TR_mic',
        direction: 'send',
        stats: [
          pair,
          { id: 'C1', type: 'codec', mimeType: 'audio/opus' },
          { id: 'O1', type: 'outbound-rtp', kind: 'audio', codecId: 'C1', bytesSent: sent.bytes },
          {
            id: 'R1',
            type: 'remote-inbound-rtp',
            roundTripTime: 0.03,
            ...(sent.fractionLost === undefined ? {} : { fractionLost: sent.fractionLost }),
          },
        ],
      },
      {
        key: 'TR_bo',
        direction: 'receive',
        stats: [
          // The same ids as the other peer connection's: they must not be mixed up.
          { ...pair, currentRoundTripTime: pairRtt * 3 },
          { id: 'C1', type: 'codec', mimeType: 'audio/opus' },
          {
            id: 'O1',
            type: 'inbound-rtp',
            kind: 'audio',
            codecId: 'C1',
            bytesReceived: received.bytes,
            packetsReceived: received.packets,
            packetsLost: received.lost,
          },
        ],
      },
    ],
  };
}

describe('connectionFigures', () => {
  it('has no rates from a first sample, but round-trip time and codecs at once', () => {
    const figures = connectionFigures(
      undefined,
      sample(0, { bytes: 1000 }, { bytes: 0, packets: 0, lost: 0 }),
    );
    expect(figures).toEqual({
      rttMs: 48,
      lossSentPct: undefined,
      lossReceivedPct: undefined,
      kbpsUp: undefined,
      kbpsDown: undefined,
      audioCodecs: ['opus'],
      videoCodecs: [],
    });
  });

  it('computes bitrates from byte counters over the time between samples', () => {
    const a = sample(1000, { bytes: 10_000 }, { bytes: 50_000, packets: 100, lost: 0 });
    const b = sample(3000, { bytes: 18_000 }, { bytes: 60_000, packets: 200, lost: 0 });
    const figures = connectionFigures(a, b);
    expect(figures.kbpsUp).toBe(32); // 8000 bytes in 2 s
    expect(figures.kbpsDown).toBe(40); // 10000 bytes in 2 s
    expect(figures.lossReceivedPct).toBe(0);
  });

  it('computes received loss over the interval, and sent loss from the RTCP fraction', () => {
    const a = sample(0, { bytes: 0 }, { bytes: 0, packets: 1000, lost: 10 });
    const b = sample(1000, { bytes: 0, fractionLost: 0.05 }, { bytes: 0, packets: 1090, lost: 20 });
    const figures = connectionFigures(a, b);
    expect(figures.lossReceivedPct).toBe(10); // 10 lost of 100
    expect(figures.lossSentPct).toBe(5);
  });

  it('counts a counter that went down (a new connection) from zero, and lost packets never below zero', () => {
    const a = sample(0, { bytes: 90_000 }, { bytes: 0, packets: 500, lost: 30 });
    const b = sample(1000, { bytes: 1000 }, { bytes: 0, packets: 600, lost: 25 });
    const figures = connectionFigures(a, b);
    expect(figures.kbpsUp).toBe(8);
    expect(figures.lossReceivedPct).toBe(0);
  });

  it('counts a track that appeared since the previous sample from zero', () => {
    const a: StatsSample = { at: 0, groups: [] };
    const b = sample(1000, { bytes: 2000 }, { bytes: 4000, packets: 10, lost: 0 });
    expect(connectionFigures(a, b)).toMatchObject({ kbpsUp: 16, kbpsDown: 32 });
  });

  it('falls back to the RTCP round-trip time when no candidate pair is selected', () => {
    const b = sample(0, { bytes: 0 }, { bytes: 0, packets: 0, lost: 0 }, 0);
    expect(connectionFigures(undefined, b).rttMs).toBe(30);
  });

  it('names video codecs apart from audio ones', () => {
    const video: StatsSample = {
      at: 0,
      groups: [
        {
          key: 'TR_cam',
          direction: 'send',
          stats: [
            { id: 'C9', type: 'codec', mimeType: 'video/VP8' },
            { id: 'O9', type: 'outbound-rtp', kind: 'video', codecId: 'C9', bytesSent: 1 },
          ],
        },
      ],
    };
    expect(connectionFigures(undefined, video)).toMatchObject({
      audioCodecs: [],
      videoCodecs: ['VP8'],
      rttMs: undefined,
    });
  });
});

describe('publicServerUrl', () => {
  it.each([
    ['ws://127.0.0.1:7880', 'ws://127.0.0.1:7880'],
    ['wss://sfu.example.org/', 'wss://sfu.example.org'],
    ['wss://user:secret@sfu.example.org/rtc?access_token=abc#x', 'wss://sfu.example.org/rtc'],
    ['not a url', '(not a valid address)'],
  ])('shows %s as %s', (url, shown) => {
    expect(publicServerUrl(url)).toBe(shown);
  });
});
