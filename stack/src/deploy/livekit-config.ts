import type { DeployPlan } from './plan.js';
import { turnDomain } from './plan.js';
import type { DeploySecrets } from './secrets.js';

/** The URL haos-server gives clients for the SFU: one load-balanced name for every node. */
export const livekitPublicUrl = (domain: string, httpsPort = 443) =>
  `wss://${domain}${httpsPort === 443 ? '' : `:${httpsPort}`}/livekit/sfu`;

/**
 * livekit.yaml for node `index`: multi-node through Redis (same keys everywhere), its own
 * ports, TURN over UDP (which also answers STUN, so no third-party STUN is ever handed out) and
 * over TLS behind the proxy, a webhook to haos-server, and rooms created only by haos-server.
 */
export function livekitNodeConfig(
  plan: DeployPlan,
  secrets: DeploySecrets,
  index: number,
): Record<string, unknown> {
  const node = plan.ports.livekit[index];
  if (!node) throw new Error(`No ports for LiveKit node ${index + 1}`);
  const rtc: Record<string, unknown> = {
    tcp_port: node.rtcTcp,
    udp_port: node.rtcUdp,
    use_external_ip: false,
    // Never Google's or Twilio's: TURN/UDP below answers STUN (LiveKit hands out its default
    // public STUN servers only when neither TURN/UDP nor stun_servers is configured).
    stun_servers: [],
    enable_loopback_candidate: plan.loopbackCandidates,
  };
  // Without a node IP in the config, LiveKit takes it from the NODE_IP environment variable
  // (compose: HAOS_NODE_IP in .env; Helm: the host's IP).
  if (plan.nodeIp !== undefined) rtc.node_ip = plan.nodeIp;
  // Media only from the node IP's own interface when it is this host's (see DeployPlan).
  if (plan.nodeIp !== undefined && plan.nodeIpOnHost) rtc.ips = { includes: [`${plan.nodeIp}/32`] };
  return {
    port: node.http,
    bind_addresses: ['127.0.0.1'],
    prometheus_port: node.prometheus,
    log_level: 'info',
    logging: { json: true },
    rtc,
    redis: {
      address: `127.0.0.1:${plan.ports.redis}`,
      password: secrets.redisPassword,
      db: 0,
    },
    keys: { [secrets.livekitApiKey]: secrets.livekitApiSecret },
    room: { auto_create: false, empty_timeout: 120, departure_timeout: 20 },
    turn: {
      enabled: true,
      domain: turnDomain(plan.domain),
      udp_port: node.turnUdp,
      tls_port: node.turnTls,
      // The proxy terminates TLS on 443 (nginx stream, by SNI) and passes plain TCP here.
      external_tls: true,
      relay_range_start: 30000 + 5000 * index,
      relay_range_end: 30000 + 5000 * index + 4999,
      ...(plan.turnAllowedPeers.length > 0
        ? { allow_restricted_peer_cidrs: plan.turnAllowedPeers }
        : {}),
    },
    webhook: {
      api_key: secrets.livekitApiKey,
      // Through the proxy's pool: any live haos-server replica takes it (they share Redis).
      urls: [`http://127.0.0.1:${plan.ports.haosPool}/sfu_webhook`],
    },
  };
}
