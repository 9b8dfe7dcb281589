import type { Participant, Room } from 'livekit-client';
import {
  publicServerUrl,
  type RtcStat,
  type StatsGroup,
  type StatsReading,
} from './connection-stats';

const PING_INTERVAL_MS = 2000;

/** The stats of one participant's tracks, through LiveKit's public per-track API. */
async function groupsOf(
  participant: Participant,
  direction: StatsGroup['direction'],
): Promise<StatsGroup[]> {
  const groups = await Promise.all(
    [...participant.trackPublications.values()].map(async (publication) => {
      const report = await publication.track?.getRTCStatsReport().catch(() => undefined);
      if (!report) return undefined;
      const stats = [...(report.values() as Iterable<RtcStat>)];
      return { key: publication.trackSid, direction, stats };
    }),
  );
  return groups.filter((group): group is StatsGroup => group !== undefined);
}

/**
 * Reads the WebRTC stats of every track you send and receive (publisher and subscriber
 * connections) and where the SFU is. `sfuUrl` is the address the token service gave.
 */
export async function readRoomStats(room: Room, sfuUrl: string): Promise<StatsReading> {
  const groups = await Promise.all([
    groupsOf(room.localParticipant, 'send'),
    ...[...room.remoteParticipants.values()].map((p) => groupsOf(p, 'receive')),
  ]);
  return {
    sample: { at: performance.now(), groups: groups.flat() },
    server: { url: publicServerUrl(sfuUrl), region: room.serverInfo?.region || undefined },
  };
}

/** Reports the signalling round-trip time to the SFU every few seconds; returns the stop. */
export function watchSignalPing(room: Room, onPing: (ms: number) => void): () => void {
  const read = () => {
    const rtt = room.engine.client.rtt;
    if (rtt > 0) onPing(Math.round(rtt));
  };
  read();
  const timer = setInterval(read, PING_INTERVAL_MS);
  return () => clearInterval(timer);
}
