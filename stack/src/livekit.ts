import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { repoRoot } from './paths.js';
import { spawnService, waitForHttp, type Supervised } from './process.js';
import { StackError } from './errors.js';

const moduleDir = path.join(repoRoot, 'stack', 'livekit');
export const LIVEKIT_SERVICE_NAME = 'LiveKit';
const LIVEKIT_PACKAGE = 'github.com/livekit/livekit-server/cmd/server';

/** The pinned LiveKit release, read from our own Go module (stack/livekit/go.mod). */
export function livekitVersion(): string {
  const goMod = readFileSync(path.join(moduleDir, 'go.mod'), 'utf8');
  return /github\.com\/livekit\/livekit-server (v[^\s]+)/.exec(goMod)?.[1] ?? 'unknown';
}

/** The binary's path: keyed by go.mod and go.sum, so a changed pin builds anew. */
export function livekitBinaryPath(installs: string): string {
  const hash = createHash('sha256')
    .update(readFileSync(path.join(moduleDir, 'go.mod')))
    .update(readFileSync(path.join(moduleDir, 'go.sum')))
    .digest('hex')
    .slice(0, 12);
  return path.join(installs, `livekit-server-${livekitVersion()}-${hash}`);
}

/**
 * Builds LiveKit server from the Go module registry with the local Go toolchain (first run only;
 * the result is reused). Prints progress, since the first build takes minutes.
 */
export async function ensureLiveKitBuilt(
  installs: string,
  log: (line: string) => void,
): Promise<string> {
  const binary = livekitBinaryPath(installs);
  if (existsSync(binary)) return binary;
  mkdirSync(installs, { recursive: true });
  log(`Building LiveKit server ${livekitVersion()} with Go (first run only, a few minutes)…`);
  const started = Date.now();
  const partial = `${binary}.partial`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['build', '-v', '-trimpath', '-o', partial, LIVEKIT_PACKAGE], {
      cwd: moduleDir,
      env: { ...process.env, GOFLAGS: '-mod=readonly', CGO_ENABLED: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let compiled = 0;
    let tail = '';
    const ticker = setInterval(() => {
      log(`  … ${compiled} packages compiled, ${Math.round((Date.now() - started) / 1000)} s`);
    }, 15000);
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      compiled += text.split('\n').filter((l) => l && !l.startsWith('go: ')).length;
      tail = (tail + text).slice(-4000);
    });
    child.once('error', (error) => {
      clearInterval(ticker);
      reject(
        new StackError(
          'GO_MISSING',
          `Could not run Go: ${error.message}`,
          'Install Go 1.24 or newer.',
        ),
      );
    });
    child.once('exit', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else
        reject(
          new StackError(
            'LIVEKIT_BUILD_FAILED',
            `Building LiveKit failed (go build exit ${String(code)}):\n${tail}`,
            'Check that the Go module registry is reachable and Go is 1.24 or newer.',
          ),
        );
    });
  });
  renameSync(partial, binary);
  log(`LiveKit built in ${Math.round((Date.now() - started) / 1000)} s.`);
  return binary;
}

export interface LiveKitPorts {
  http: number;
  rtcUdp: number;
  /** TURN/UDP: relays for clients that ask for relay-only, and the STUN server clients get. */
  turnUdp: number;
}

/**
 * LiveKit's config. With `webhookUrl`, LiveKit posts participant and room events there, signed
 * with the same API key the token service verifies them with (haos-server's `/sfu_webhook`).
 */
export function writeLiveKitConfig(
  file: string,
  ports: LiveKitPorts,
  key: string,
  secret: string,
  webhookUrl?: string,
): void {
  // Everything on loopback. LiveKit binds its ICE/TCP port on every interface whatever the
  // config says (there is no bind setting for it), so the local stack runs without ICE over TCP
  // (tcp_port 0 overrides LiveKit's default 7881): on loopback, UDP always gets through. The UDP
  // mux binds one socket per allowed address, and only 127.0.0.1 is allowed.
  const config = {
    port: ports.http,
    bind_addresses: ['127.0.0.1'],
    log_level: 'info',
    rtc: {
      tcp_port: 0,
      udp_port: ports.rtcUdp,
      use_external_ip: false,
      node_ip: '127.0.0.1',
      enable_loopback_candidate: true,
      ips: { includes: ['127.0.0.1/32'] },
    },
    room: { auto_create: false, empty_timeout: 120, departure_timeout: 20 },
    keys: { [key]: secret },
    // TURN/UDP on loopback answers STUN too, so LiveKit never falls back to handing clients
    // Google's and Twilio's public STUN servers (its default with no TURN/UDP or stun_servers).
    turn: {
      enabled: true,
      udp_port: ports.turnUdp,
      bind_addresses: ['127.0.0.1'],
      allow_restricted_peer_cidrs: ['127.0.0.0/8'],
    },
    ...(webhookUrl ? { webhook: { api_key: key, urls: [webhookUrl] } } : {}),
  };
  writeFileSync(file, stringify(config), { mode: 0o600 });
}

export async function startLiveKit(
  binary: string,
  configFile: string,
  logFile: string,
  httpPort: number,
): Promise<Supervised> {
  const service = spawnService({
    name: LIVEKIT_SERVICE_NAME,
    command: binary,
    args: ['--config', configFile],
    logFile,
  });
  await waitForHttp(`http://127.0.0.1:${httpPort}/`, 30000, service);
  return service;
}
