import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { checkGo, checkPortsFree, findPython, type PortNeed } from './prereqs.js';
import { findFreePort } from './ports.js';
import { installsDir, instanceDir, repoRoot, stateRoot } from './paths.js';
import { makeTreePrivate, mkdirPrivate } from './private-files.js';
import { loadOrCreateSecrets, writeSecretFile } from './secrets.js';
import {
  ensureAdminToken,
  ensureSynapseInstalled,
  startSynapse,
  SYNAPSE_VERSION,
} from './synapse.js';
import {
  ensureLiveKitBuilt,
  livekitBinaryPath,
  livekitVersion,
  LIVEKIT_SERVICE_NAME,
  startLiveKit,
  writeLiveKitConfig,
} from './livekit.js';
import { spawnService, stopService, waitForHttp, type Supervised } from './process.js';
import { APPSERVICE_ID, writeAppserviceRegistration } from './appservice.js';
import { ensureWebBuilt } from './web.js';
import { writeStatus, type StackStatus } from './status.js';

export interface StackPorts {
  web: number;
  synapse: number;
  server: number;
  livekit: number;
  livekitRtcUdp: number;
  /** haos-server's /metrics listener (loopback). */
  serverMetrics: number;
  livekitTurn: number;
}

export interface StackOptions {
  /** Instance name: its data lives in .haos/instances/<name>. */
  name: string;
  /** 'default': the well-known ports (overridable by env); 'free': any free loopback ports (tests). */
  ports: 'default' | 'free';
  /** 'dev': Vite dev server; 'dist': the built app served by haos-server; 'none': no web app. */
  web: 'dev' | 'dist' | 'none';
  log?: (line: string) => void;
  /** Extra environment for haos-server (tests use it to tune rate limits). */
  serverEnv?: Record<string, string>;
}

export interface RunningStack {
  name: string;
  dir: string;
  serverName: string;
  ports: StackPorts;
  urls: { web: string; synapse: string; server: string; livekit: string; livekitApi: string };
  livekit: { apiKey: string; apiSecret: string };
  registrationSharedSecret: string;
  /** The Synapse admin token haos-server checks memberships with (tests may use it too). */
  adminToken: string;
  /** haos-server's application service: the registration file Synapse and haos-server read. */
  appservice: { id: string; registrationFile: string; asToken: string; hsToken: string };
  services: Supervised[];
  stop(): Promise<void>;
  /** Deletes the instance's data folder (tests); call after stop(). */
  remove(): Promise<void>;
  /** Stops Synapse alone (fault tests: the homeserver goes away mid-session). */
  stopSynapse(): Promise<void>;
  /** Starts Synapse again with the same config and data. */
  startSynapse(): Promise<void>;
  /** Stops LiveKit alone (fault tests: the SFU goes away mid-call). */
  stopLiveKit(): Promise<void>;
  /** Starts LiveKit again with the same config. */
  startLiveKit(): Promise<void>;
}

const DEFAULT_PORTS: Record<keyof StackPorts, [number, string]> = {
  web: [8080, 'HAOS_PORT_WEB'],
  synapse: [8008, 'HAOS_PORT_SYNAPSE'],
  server: [8090, 'HAOS_PORT_SERVER'],
  livekit: [7880, 'HAOS_PORT_LIVEKIT'],
  livekitRtcUdp: [7882, 'HAOS_PORT_LIVEKIT_RTC_UDP'],
  serverMetrics: [8091, 'HAOS_PORT_SERVER_METRICS'],
  livekitTurn: [3478, 'HAOS_PORT_LIVEKIT_TURN'],
};

async function choosePorts(
  mode: StackOptions['ports'],
  web: StackOptions['web'],
): Promise<StackPorts> {
  if (mode === 'free') {
    const taken = new Set<number>();
    const next = async () => {
      const port = await findFreePort(taken);
      taken.add(port);
      return port;
    };
    const ports = {
      web: 0,
      synapse: await next(),
      server: await next(),
      livekit: await next(),
      livekitRtcUdp: await next(),
      serverMetrics: await next(),
      livekitTurn: await next(),
    };
    ports.web = web === 'dev' ? await next() : ports.server;
    return ports;
  }
  const ports = {} as StackPorts;
  for (const [key, [fallback, env]] of Object.entries(DEFAULT_PORTS) as [
    keyof StackPorts,
    [number, string],
  ][]) {
    const raw = process.env[env];
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      throw new Error(`${env} must be a port number (1-65535), not "${raw}"`);
    }
    ports[key] = value;
  }
  if (web !== 'dev') ports.web = ports.server;
  const needs: PortNeed[] = (Object.keys(DEFAULT_PORTS) as (keyof StackPorts)[])
    .filter((key) => !(key === 'web' && web !== 'dev'))
    .map((key) => ({
      name: key,
      port: ports[key],
      env: DEFAULT_PORTS[key][1],
      udp: key === 'livekitRtcUdp' || key === 'livekitTurn',
    }));
  await checkPortsFree(needs);
  return ports;
}

/** HAOS_CORS_ORIGINS for haos-server: `*` unless the environment lists origins to allow. */
function corsOrigins(webOrigin: string): string {
  const extra = (process.env.HAOS_CORS_ORIGINS ?? '*')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (extra.length === 0 || extra.includes('*')) return '*';
  return [webOrigin, ...extra].join(',');
}

/**
 * Installs what is missing (Synapse venv, LiveKit binary, web build), generates configs and
 * secrets, and starts Synapse, LiveKit, haos-server and the web app. `stop()` ends them all.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const log = options.log ?? (() => {});
  const installs = installsDir();
  const dir = instanceDir(options.name);
  // The state folder is the owner's alone (private-files.ts); the shared installs are not secret.
  mkdirPrivate(stateRoot());
  mkdirPrivate(path.dirname(dir));
  mkdirPrivate(path.join(dir, 'logs'));
  makeTreePrivate(dir);

  const ports = await choosePorts(options.ports, options.web);
  const serverName = 'localhost';
  const urls = {
    web: `http://127.0.0.1:${ports.web}`,
    synapse: `http://127.0.0.1:${ports.synapse}`,
    server: `http://127.0.0.1:${ports.server}`,
    livekit: `ws://127.0.0.1:${ports.livekit}`,
    livekitApi: `http://127.0.0.1:${ports.livekit}`,
  };

  // Installs (first run only), side by side.
  const needSynapse = !existsSync(path.join(installs, `synapse-${SYNAPSE_VERSION}`, '.installed'));
  const python = needSynapse ? findPython() : 'python3';
  if (!existsSync(livekitBinaryPath(installs))) checkGo();
  const [venvPython, livekitBinary] = await Promise.all([
    ensureSynapseInstalled(installs, python, log),
    ensureLiveKitBuilt(installs, log),
    options.web === 'dist' ? ensureWebBuilt(log) : Promise.resolve(),
  ]);

  const secrets = loadOrCreateSecrets(path.join(dir, 'secrets.json'));
  const registrationFile = path.join(dir, 'appservice.yaml');
  writeAppserviceRegistration(registrationFile, {
    url: urls.server,
    asToken: secrets.appserviceAsToken,
    hsToken: secrets.appserviceHsToken,
  });
  const synapseSettings = {
    dataDir: path.join(dir, 'synapse'),
    serverName,
    port: ports.synapse,
    livekitServiceUrl: urls.server,
    appserviceRegistration: registrationFile,
    secrets,
  };
  const synapseLog = path.join(dir, 'logs', 'synapse.log');
  const services: Supervised[] = [];
  const livekitConfig = path.join(dir, 'livekit.yaml');
  const runLiveKit = () =>
    startLiveKit(
      livekitBinary,
      livekitConfig,
      path.join(dir, 'logs', 'livekit.log'),
      ports.livekit,
    );
  const stop = async () => {
    await Promise.all(
      services
        .splice(0)
        .reverse()
        .map((s) => stopService(s)),
    );
    writeStatus(dir, { state: 'stopped' });
  };

  let adminToken = '';
  try {
    writeLiveKitConfig(
      livekitConfig,
      { http: ports.livekit, rtcUdp: ports.livekitRtcUdp, turnUdp: ports.livekitTurn },
      secrets.livekitApiKey,
      secrets.livekitApiSecret,
      `${urls.server}/sfu_webhook`,
    );
    const [synapse, livekit] = await Promise.all([
      startSynapse(venvPython, synapseSettings, synapseLog),
      runLiveKit(),
    ]);
    services.push(synapse, livekit);

    adminToken = await ensureAdminToken(urls.synapse, secrets, path.join(dir, 'admin-token'));
    const trustedFile = path.join(dir, 'trusted-homeservers.json');
    writeSecretFile(trustedFile, JSON.stringify({ [serverName]: { admin_token: adminToken } }));
    const keyFile = path.join(dir, 'livekit-key');
    const secretFile = path.join(dir, 'livekit-secret');
    writeSecretFile(keyFile, secrets.livekitApiKey);
    writeSecretFile(secretFile, secrets.livekitApiSecret);
    const webConfig = JSON.stringify({
      defaultHomeserverUrl: urls.synapse,
      defaultServerName: serverName,
      livekitServiceUrl: urls.server,
    });

    const server = spawnService({
      name: 'haos-server',
      command: process.execPath,
      args: ['--import', 'tsx', path.join(repoRoot, 'apps', 'server', 'src', 'server.ts')],
      cwd: repoRoot,
      env: {
        ...process.env,
        HAOS_SERVER_HOST: '127.0.0.1',
        HAOS_SERVER_PORT: String(ports.server),
        HAOS_LIVEKIT_URL: urls.livekit,
        HAOS_LIVEKIT_API_URL: urls.livekitApi,
        HAOS_LIVEKIT_KEY_FILE: keyFile,
        HAOS_LIVEKIT_SECRET_FILE: secretFile,
        HAOS_HOMESERVER_URLS: JSON.stringify({ [serverName]: urls.synapse }),
        HAOS_TRUSTED_HOMESERVERS_FILE: trustedFile,
        // Any origin by default (as lk-jwt-service: Element Call runs on its own origin); a list
        // in the environment narrows it to those origins and the web app's.
        HAOS_CORS_ORIGINS: corsOrigins(urls.web),
        HAOS_APPSERVICE_REGISTRATION_FILE: registrationFile,
        HAOS_APPSERVICE_SERVER_NAME: serverName,
        HAOS_METRICS_HOST: '127.0.0.1',
        HAOS_METRICS_PORT: String(ports.serverMetrics),
        HAOS_WEB_CONFIG: webConfig,
        ...(options.web === 'dist'
          ? { HAOS_WEB_DIST: path.join(repoRoot, 'apps', 'web', 'dist') }
          : {}),
        ...options.serverEnv,
      },
      logFile: path.join(dir, 'logs', 'haos-server.log'),
    });
    services.push(server);
    // tsx compiles the server at start: slow on a loaded machine.
    await waitForHttp(`${urls.server}/healthz`, 90_000, server);

    if (options.web === 'dev') {
      const web = spawnService({
        name: 'web (Vite)',
        command: process.execPath,
        args: [
          path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
          '--host',
          '127.0.0.1',
          '--port',
          String(ports.web),
          '--strictPort',
        ],
        cwd: path.join(repoRoot, 'apps', 'web'),
        env: { ...process.env, HAOS_WEB_CONFIG: webConfig, HAOS_SERVER_URL: urls.server },
        logFile: path.join(dir, 'logs', 'web.log'),
      });
      services.push(web);
      await waitForHttp(urls.web, 60000, web);
    }

    const status: StackStatus = {
      state: 'running',
      pid: process.pid,
      startedAt: new Date().toISOString(),
      name: options.name,
      serverName,
      urls,
      ports,
      versions: { synapse: SYNAPSE_VERSION, livekit: livekitVersion() },
      logs: path.join(dir, 'logs'),
      children: services.map((s) => ({ name: s.name, pid: s.child.pid ?? 0 })),
    };
    writeStatus(dir, status);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    name: options.name,
    dir,
    serverName,
    ports,
    urls,
    livekit: { apiKey: secrets.livekitApiKey, apiSecret: secrets.livekitApiSecret },
    registrationSharedSecret: secrets.registrationSharedSecret,
    adminToken,
    appservice: {
      id: APPSERVICE_ID,
      registrationFile,
      asToken: secrets.appserviceAsToken,
      hsToken: secrets.appserviceHsToken,
    },
    services,
    stop,
    remove: async () => {
      await rm(dir, { recursive: true, force: true });
    },
    stopSynapse: async () => {
      const current = services.find((s) => s.name === 'Synapse');
      if (!current) return;
      services.splice(services.indexOf(current), 1);
      await stopService(current);
    },
    startSynapse: async () => {
      if (services.some((s) => s.name === 'Synapse')) return;
      services.push(await startSynapse(venvPython, synapseSettings, synapseLog));
    },
    stopLiveKit: async () => {
      const current = services.find((s) => s.name === LIVEKIT_SERVICE_NAME);
      if (!current) return;
      services.splice(services.indexOf(current), 1);
      await stopService(current);
    },
    startLiveKit: async () => {
      if (services.some((s) => s.name === LIVEKIT_SERVICE_NAME)) return;
      services.push(await runLiveKit());
    },
  };
}
