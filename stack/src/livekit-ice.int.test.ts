import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { describe, expect, inject, it } from 'vitest';
import { iceServerHosts, joinResponseIceServers } from './testing/ice-servers.js';

describe('the dev stack’s LiveKit', () => {
  it('hands clients no third-party STUN or TURN server in the join response', async () => {
    const { urls, livekit } = inject('stack');
    const room = `ice-${Date.now().toString(36)}`;
    await new RoomServiceClient(urls.livekitApi, livekit.apiKey, livekit.apiSecret).createRoom({
      name: room,
    });
    const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity: 'ice-probe' });
    token.addGrant({ room, roomJoin: true, canSubscribe: true });
    const servers = await joinResponseIceServers(urls.livekit, await token.toJwt());
    const hosts = iceServerHosts(servers);
    // A STUN-capable server is there (TURN/UDP on loopback), and every one is on this machine.
    expect(servers.flatMap((s) => s.urls).some((u) => u.startsWith('turn:'))).toBe(true);
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts)
      expect(host, `ICE server ${host}`).toMatch(/^(127\.|localhost$|::1$)/);
  });
});
