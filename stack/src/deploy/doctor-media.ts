import { ContinualGatheringPolicy, IceTransportType, Room, dispose } from '@livekit/rtc-node';
import { fail } from './doctor-problem.js';

/**
 * A real ICE check: joins the room as a LiveKit client (the Rust WebRTC stack of
 * @livekit/rtc-node) and waits until its media connection is up, either by any path or through
 * TURN only.
 */
export async function checkMedia(url: string, jwt: string, path: 'any' | 'relay'): Promise<string> {
  const room = new Room();
  const started = Date.now();
  try {
    await Promise.race([
      room.connect(url, jwt, {
        autoSubscribe: false,
        dynacast: false,
        rtcConfig: {
          iceTransportType:
            path === 'relay' ? IceTransportType.TRANSPORT_RELAY : IceTransportType.TRANSPORT_ALL,
          continualGatheringPolicy: ContinualGatheringPolicy.GATHER_CONTINUALLY,
          iceServers: [],
        },
      }),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no connection within 25 s')), 25_000),
      ),
    ]);
  } catch (error) {
    if (path === 'relay')
      return fail('TURN_FAILED', `A media connection through TURN alone failed (${(error as Error).message}): people whose networks block direct connections cannot join calls.`, 'Check turn.enabled in every LiveKit node, that UDP 3478 (TURN/UDP) and 443 on the TURN name reach it, and the relay UDP range is open.'); // prettier-ignore
    return fail('ICE_FAILED', `The media connection to LiveKit failed (${(error as Error).message}): clients see "Waiting for media".`, 'LiveKit must advertise an address clients reach: set HAOS_NODE_IP (rtc.node_ip) to the public IP, open UDP 7882 (ICE) and TCP 7881 (ICE/TCP) in the firewall, and forward them if the host is behind NAT.'); // prettier-ignore
  } finally {
    await room.disconnect().catch(() => undefined);
    await dispose().catch(() => undefined);
  }
  return `connected in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}
