import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, type Dispatcher } from 'undici';

/** Resolves a host name to every address it has (node:dns `lookup` with `all: true`). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/**
 * Whether an address is on the public internet: global unicast only. Loopback, private,
 * link-local (cloud metadata lives there), unique-local, carrier-grade NAT, multicast, reserved
 * and documentation ranges are not, and IPv4-mapped IPv6 addresses are judged by their IPv4 part.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/** A connection the guard refused: the name resolved to an address that is not public. */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  readonly code = 'HAOS_BLOCKED_ADDRESS';
}

export interface NetGuardOptions {
  resolve?: Resolve;
  /** Which resolved addresses may be dialled; `isPublicAddress` unless a test says otherwise. */
  allowAddress?: (address: string) => boolean;
  /** Extra TLS options (tests give their own CA). */
  tls?: { ca?: string | Buffer };
  connectTimeoutMs?: number;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * An undici dispatcher for hosts HAOS did not configure (homeservers found by discovery): it
 * resolves the name itself, refuses the connection when any address is not public, and dials
 * exactly the addresses it checked, so a DNS answer cannot change between check and connect.
 * IP literals are checked the same way. Every hop of every request goes through it.
 */
export function createGuardedDispatcher(options: NetGuardOptions = {}): Dispatcher {
  const resolve = options.resolve ?? systemResolve;
  const allow = options.allowAddress ?? isPublicAddress;
  const lookup = (hostname: string, lookupOptions: { all?: boolean }, callback: LookupCallback) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0 || addresses.some((a) => !allow(a.address))) {
          callback(new BlockedAddressError(`${hostname} resolves to a non-public address`), []);
          return;
        }
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
  const connector = buildConnector({
    timeout: options.connectTimeoutMs ?? 5000,
    lookup,
    ...(options.tls?.ca ? { ca: options.tls.ca } : {}),
  });
  return new Agent({
    connect: (connectOptions, callback) => {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) !== 0 && !allow(host)) {
        callback(new BlockedAddressError(`${host} is not a public address`), null);
        return;
      }
      connector(connectOptions, callback);
    },
    // No keep-alive pooling across discovered hosts beyond a short while.
    keepAliveTimeout: 10_000,
  });
}

/** The dispatcher for URLs the operator configured (HAOS_HOMESERVER_URLS): no address filter. */
export function createConfiguredDispatcher(): Dispatcher {
  return new Agent({ connect: { timeout: 5000 }, keepAliveTimeout: 30_000 });
}
