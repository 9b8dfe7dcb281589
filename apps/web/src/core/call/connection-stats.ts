/**
 * WebRTC stats arithmetic for the connection info panel: rates from counters over time, packet
 * loss, round-trip time and codecs. Pure: samples are plain stats objects (as
 * `RTCStatsReport.values()` yields them), grouped by the track they were read from.
 */

/** One entry of an RTCStatsReport; only the fields read here are named. */
export interface RtcStat {
  id: string;
  type: string;
  [field: string]: unknown;
}

/** The stats of one track: sent (your microphone, camera) or received (someone else's). */
export interface StatsGroup {
  /** Stable across samples for the same track (e.g. its SID). */
  key: string;
  direction: 'send' | 'receive';
  stats: RtcStat[];
}

export interface StatsSample {
  /** When it was read, ms (any monotonic clock). */
  at: number;
  groups: StatsGroup[];
}

/** What the connection info panel shows; undefined where nothing could be measured (yet). */
export interface ConnectionFigures {
  rttMs: number | undefined;
  /** Loss of what you send, as the SFU reports it back (RTCP), %. */
  lossSentPct: number | undefined;
  /** Loss of what you receive, since the previous sample, %. */
  lossReceivedPct: number | undefined;
  kbpsUp: number | undefined;
  kbpsDown: number | undefined;
  audioCodecs: string[];
  videoCodecs: string[];
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** All stats of a sample, keyed so that ids from different peer connections never collide. */
function index(sample: StatsSample): Map<string, { group: StatsGroup; stat: RtcStat }> {
  const all = new Map<string, { group: StatsGroup; stat: RtcStat }>();
  for (const group of sample.groups)
    for (const stat of group.stats) all.set(`${group.key}/${stat.id}`, { group, stat });
  return all;
}

/**
 * How much a counter grew between two samples, summed over the stats that match `pick`. A
 * counter that went down counts from zero (a restarted connection), or, for counters that may
 * step back (lost packets, when late ones arrive), as no growth.
 */
function growth(
  prev: StatsSample,
  next: StatsSample,
  pick: (stat: RtcStat, group: StatsGroup) => number | undefined,
  mayStepBack = false,
): number | undefined {
  const before = index(prev);
  let total: number | undefined;
  for (const [key, { group, stat }] of index(next)) {
    const now = pick(stat, group);
    if (now === undefined) continue;
    const earlier = before.get(key);
    const then = earlier ? pick(earlier.stat, earlier.group) : undefined;
    const grown = then === undefined ? now : then > now ? (mayStepBack ? 0 : now) : now - then;
    total = (total ?? 0) + grown;
  }
  return total;
}

const field =
  (type: string, name: string, direction?: StatsGroup['direction']) =>
  (stat: RtcStat, group: StatsGroup) =>
    stat.type === type && (!direction || group.direction === direction)
      ? num(stat[name])
      : undefined;

const percent = (part: number, whole: number): number =>
  Math.min(100, Math.max(0, (part / whole) * 100));

const mean = (values: number[]): number | undefined =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;

/** The round-trip time of the selected candidate pairs (the media path), ms. */
function roundTrip(sample: StatsSample): number | undefined {
  const times: number[] = [];
  for (const { stats } of sample.groups)
    for (const stat of stats) {
      const rtt = num(stat.currentRoundTripTime);
      if (stat.type === 'candidate-pair' && stat.state === 'succeeded' && stat.nominated && rtt)
        times.push(rtt * 1000);
    }
  if (!times.length)
    for (const { stats } of sample.groups)
      for (const stat of stats) {
        const rtt = num(stat.roundTripTime);
        if (stat.type === 'remote-inbound-rtp' && rtt !== undefined) times.push(rtt * 1000);
      }
  const rtt = mean(times);
  return rtt === undefined ? undefined : Math.round(rtt);
}

/** Codec names (e.g. "opus", "VP8") in use for audio or video. */
function codecs(sample: StatsSample, kind: 'audio' | 'video'): string[] {
  const names = new Set<string>();
  for (const { stats } of sample.groups) {
    const byId = new Map(stats.map((s) => [s.id, s]));
    for (const stat of stats) {
      if (stat.type !== 'outbound-rtp' && stat.type !== 'inbound-rtp') continue;
      if (stat.kind !== kind || typeof stat.codecId !== 'string') continue;
      const mime = byId.get(stat.codecId)?.mimeType;
      if (typeof mime === 'string') names.add(mime.replace(/^[a-z]+\//i, ''));
    }
  }
  return [...names].sort();
}

/** The panel's figures from two samples a moment apart (rates need both), or from the first. */
export function connectionFigures(
  prev: StatsSample | undefined,
  next: StatsSample,
): ConnectionFigures {
  const seconds = prev ? (next.at - prev.at) / 1000 : 0;
  const rate = (pick: Parameters<typeof growth>[2]) => {
    if (!prev || seconds <= 0) return undefined;
    const bytes = growth(prev, next, pick);
    return bytes === undefined ? undefined : Math.round((bytes * 8) / 1000 / seconds);
  };
  const lost = prev ? growth(prev, next, field('inbound-rtp', 'packetsLost'), true) : undefined;
  const received = prev ? growth(prev, next, field('inbound-rtp', 'packetsReceived')) : undefined;
  const fractions: number[] = [];
  for (const { stats } of next.groups)
    for (const stat of stats) {
      const fraction = num(stat.fractionLost);
      if (stat.type === 'remote-inbound-rtp' && fraction !== undefined) fractions.push(fraction);
    }
  const sentFraction = mean(fractions);
  return {
    rttMs: roundTrip(next),
    lossSentPct: sentFraction === undefined ? undefined : percent(sentFraction, 1),
    lossReceivedPct:
      lost !== undefined && received !== undefined && lost + received > 0
        ? percent(lost, lost + received)
        : undefined,
    kbpsUp: rate(field('outbound-rtp', 'bytesSent', 'send')),
    kbpsDown: rate(field('inbound-rtp', 'bytesReceived', 'receive')),
    audioCodecs: codecs(next, 'audio'),
    videoCodecs: codecs(next, 'video'),
  };
}

/** The SFU's address without anything secret (credentials, query, fragment). */
export function publicServerUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(not a valid address)';
  }
}

/** Where the call's media goes: the SFU's public address and the region it reports, if any. */
export interface ServerLocation {
  url: string;
  region: string | undefined;
}

/** One reading of the current call: its stats and its SFU. */
export interface StatsReading {
  sample: StatsSample;
  server: ServerLocation;
}
