import { isIP } from 'node:net';
import { StackError } from '../errors.js';

/**
 * Every port a deployment's processes listen on. All but the proxy's and LiveKit's public
 * ports bind 127.0.0.1: with host networking (compose) and in the deployment test alike, the
 * services reach each other on loopback, and only the proxy and the SFU face the network.
 */
export interface DeployPorts {
  /** The HTTPS origin (443 in production). */
  https: number;
  /** Plain HTTP, for ACME challenges and the redirect to HTTPS (80). */
  http: number;
  /** nginx only: where the HTTPS server listens behind the SNI router on the public port. */
  nginxTls: number;
  /** nginx only: where TURN over TLS is terminated behind the SNI router. */
  nginxTurnTls: number;
  postgres: number;
  redis: number;
  synapseMain: number;
  synapseReplication: number;
  /** One per generic worker. */
  synapseWorkers: number[];
  /**
   * One entry per haos-server replica (stateless; they share Redis). Compose runs the first;
   * more replicas are more processes on their own ports, behind the proxy's pool.
   */
  haos: HaosReplicaPorts[];
  /**
   * The proxy's loopback pool in front of every haos-server replica, for the callers inside the
   * deployment (LiveKit's webhooks, Synapse's application-service transactions), so a replica
   * that is down never loses them.
   */
  haosPool: number;
  /** The proxy's loopback pool in front of every LiveKit node's server API (haos-server uses it). */
  livekitApi: number;
  /** Caddy's admin endpoint on loopback (its health check asks it); 2019 when unset. */
  caddyAdmin?: number;
  /** One entry per LiveKit node. */
  livekit: LiveKitNodePorts[];
}

export interface HaosReplicaPorts {
  /** The web app, the token service, webhooks and transactions (loopback, behind the proxy). */
  http: number;
  /** Prometheus metrics (loopback). */
  metrics: number;
}

export interface LiveKitNodePorts {
  /** Signalling and server API (HTTP/WebSocket), loopback only, behind the proxy. */
  http: number;
  rtcTcp: number;
  rtcUdp: number;
  turnUdp: number;
  /** TURN over TLS: the proxy terminates TLS on 443 and passes plain TCP here. */
  turnTls: number;
  prometheus: number;
}

export interface DeployPlan {
  /** The one HTTPS origin and the Matrix server name, e.g. chat.example.org. */
  domain: string;
  /** The IP address LiveKit advertises for media; undefined: discover it (STUN-less: the host's). */
  nodeIp: string | undefined;
  /**
   * Whether the node IP is an address of this host's own interfaces (a server with its public
   * address on eth0, not behind NAT). LiveKit then uses only that address for media: otherwise
   * it rewrites every local interface's candidate to the node IP, answers a TURN relay's checks
   * from another interface's address, and the relay (which only forwards from the address the
   * client was given) drops them, so relay-only and TURN/TLS calls never connect.
   */
  nodeIpOnHost: boolean;
  ports: DeployPorts;
  /** The address the proxy's public ports bind (undefined: every address). */
  publicAddress: string | undefined;
  /** Where the processes see the deployment folder (configs, secrets): /deploy in compose. */
  root: string;
  /** Where they keep their data: /data in compose. */
  data: string;
  /** Extra peer ranges LiveKit's TURN may relay to (tests on private test addresses only). */
  turnAllowedPeers: string[];
  /** Whether LiveKit advertises loopback candidates (the deployment test on one machine). */
  loopbackCandidates: boolean;
  /**
   * Where the proxy's certificate comes from: `acme` (Caddy gets one itself) or `files`
   * (certs/fullchain.pem and certs/privkey.pem, as nginx always uses; Caddy then never tries
   * ACME). Unset: acme.
   */
  certificates?: Certificates;
}

export type Certificates = 'acme' | 'files';

/**
 * The TURN name: TURN over TLS is always advertised as `turns:<name>:443`, so the proxy routes
 * it by SNI to the nodes' TURN/TLS ports. LiveKit's TURN credentials are derived from the shared
 * API keys, so any node accepts any participant's.
 */
export const turnDomain = (domain: string) => `turn.${domain}`;

/** The production port plan: one host, two LiveKit nodes, two Synapse workers, one haos-server. */
export function defaultPorts(nodes = 2, workers = 2, replicas = 1): DeployPorts {
  return {
    https: 443,
    http: 80,
    nginxTls: 8443,
    nginxTurnTls: 8444,
    postgres: 5432,
    redis: 6379,
    synapseMain: 8008,
    synapseReplication: 9093,
    synapseWorkers: Array.from({ length: workers }, (_, i) => 8083 + i),
    haos: Array.from({ length: replicas }, (_, i) => ({ http: 8090 + 2 * i, metrics: 9464 + i })),
    haosPool: 8089,
    livekitApi: 7870,
    caddyAdmin: 2019,
    livekit: Array.from({ length: nodes }, (_, i) => ({
      http: 7880 + 10 * i,
      rtcTcp: 7881 + 10 * i,
      rtcUdp: 7882 + 10 * i,
      turnUdp: 3478 + i,
      turnTls: 5349 + i,
      prometheus: 6789 + i,
    })),
  };
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Checks a domain name for a deployment: a DNS name with at least two labels, not an IP
 * address, not a single-label host. Returns it lower-cased.
 */
export function validateDomain(input: string | undefined): string {
  if (input === undefined || input.trim() === '') {
    throw new StackError(
      'DEPLOY_NO_DOMAIN',
      'No domain given: a deployment needs the DNS name people will open, e.g. chat.example.org.',
      'Run: ./haos deploy init --domain chat.example.org',
    );
  }
  const domain = input.trim().toLowerCase().replace(/\.$/, '');
  const bare = domain.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) {
    throw new StackError(
      'DEPLOY_DOMAIN_IS_IP',
      `"${input}" is an IP address. HTTPS certificates, Matrix server names and TURN over TLS need a DNS name.`,
      'Point a DNS name (an A/AAAA record) at this server and pass it: --domain chat.example.org',
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(domain) || /[/:]/.test(domain)) {
    throw new StackError(
      'DEPLOY_DOMAIN_INVALID',
      `"${input}" is not a bare domain name (no scheme, port or path).`,
      'Pass only the name, e.g. --domain chat.example.org',
    );
  }
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || domain.length > 253) {
    throw new StackError(
      'DEPLOY_DOMAIN_INVALID',
      `"${input}" is not a fully qualified domain name (letters, digits and hyphens, at least two labels, like chat.example.org).`,
      'Pass the DNS name people will open, e.g. --domain chat.example.org',
    );
  }
  return domain;
}

/** Checks the node IP LiveKit advertises, when one is given. */
export function validateNodeIp(input: string | undefined): string | undefined {
  if (input === undefined) return undefined;
  if (isIP(input) === 0) {
    throw new StackError(
      'DEPLOY_NODE_IP_INVALID',
      `"${input}" is not an IP address; LiveKit advertises it to clients for media.`,
      'Pass the public IPv4 or IPv6 address of the LiveKit host, e.g. --node-ip 203.0.113.7, or leave it out to discover it.',
    );
  }
  return input;
}
