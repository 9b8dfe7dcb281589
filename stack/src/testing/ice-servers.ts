import { SignalResponse, type ICEServer } from '@livekit/protocol';
import WebSocket from 'ws';

/**
 * Opens LiveKit's signalling WebSocket as a client does and returns the ICE servers of the
 * join response: exactly what a browser would be told to use for STUN and TURN.
 */
export async function joinResponseIceServers(
  livekitUrl: string,
  token: string,
  options: { ca?: string | Buffer; lookup?: string } = {},
): Promise<ICEServer[]> {
  const url = new URL(`${livekitUrl.replace(/\/$/, '')}/rtc`);
  url.searchParams.set('access_token', token);
  url.searchParams.set('protocol', '16');
  url.searchParams.set('sdk', 'js');
  url.searchParams.set('version', '2.0.0');
  url.searchParams.set('auto_subscribe', '1');
  const address = options.lookup;
  const socket = new WebSocket(url, {
    ca: options.ca,
    // Resolve every name to one address (the deployment test's names are not in DNS).
    ...(address
      ? {
          lookup: (
            _host: string,
            opts: { all?: boolean },
            callback: (...args: unknown[]) => void,
          ) => (opts.all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4)),
        }
      : {}),
  });
  try {
    return await new Promise<ICEServer[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no join response within 20 s')), 20_000);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('message', (data: Buffer) => {
        const response = SignalResponse.fromBinary(new Uint8Array(data));
        if (response.message.case !== 'join') return;
        clearTimeout(timer);
        resolve(response.message.value.iceServers);
      });
    });
  } finally {
    socket.close();
  }
}

/** The host part of every ICE server URL (stun:host:port, turn:host:port?transport=…). */
export function iceServerHosts(servers: ICEServer[]): string[] {
  return servers.flatMap((s) =>
    s.urls.map((u) => {
      const rest = u.replace(/^(stun|stuns|turn|turns):/, '').replace(/\?.*$/, '');
      return rest.startsWith('[') ? rest.slice(1, rest.indexOf(']')) : rest.replace(/:\d+$/, '');
    }),
  );
}
