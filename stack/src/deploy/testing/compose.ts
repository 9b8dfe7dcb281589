import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureLiveKitBuilt } from '../../livekit.js';
import { installsDir, stateRoot } from '../../paths.js';
import { findFreePort, isTcpPortFree } from '../../ports.js';
import { ensureWebBuilt } from '../../web.js';
import { bootstrapDeployment, type BootstrapResult } from '../bootstrap.js';
import { ensureLiveKitImage, ensurePodmanCompose, ensureStandInImages } from '../compose-images.js';
import {
  buildHaosImage,
  ensureLocalBaseImage,
  HAOS_IMAGE,
  imageExists,
  podmanEnv,
  run,
} from '../image.js';
import { initDeployment } from '../init.js';
import type { DeployPlan, DeployPorts } from '../plan.js';
import { makeTestCertificates, type TestCertificates } from './tls.js';
import { TEST_DOMAIN } from './topology.js';

export interface ComposeDeployment {
  dir: string;
  project: string;
  plan: DeployPlan;
  /** The loopback address the proxy's public ports (443, 80) listen on. */
  address: string;
  origin: string;
  certs: TestCertificates;
  /** The compose services, by name → their container. */
  containers(): Record<string, string>;
  /**
   * `podman healthcheck run` on each (but `except`) until all pass; throws naming the ones that
   * did not, with their state and last log lines.
   */
  waitHealthy(ceilingMs: number, except?: string[]): Promise<void>;
  bootstrap(): Promise<BootstrapResult>;
  compose(args: string[]): Promise<string>;
  /** Every TCP port of the plan (what must be free again after `down`). */
  tcpPorts(): { host: string; port: number }[];
  volumes(): string[];
  networks(): string[];
  figures: { imagesSeconds: number; imagesBuilt: string[] };
  /** down -v, then removes whatever of this project is left; never touches anything else. */
  destroy(): Promise<void>;
}

async function freePorts(): Promise<DeployPorts> {
  const taken = new Set<number>();
  const next = async () => {
    const port = await findFreePort(taken);
    taken.add(port);
    return port;
  };
  const ports: DeployPorts = {
    https: 443,
    http: 80,
    nginxTls: await next(),
    nginxTurnTls: await next(),
    postgres: await next(),
    redis: await next(),
    synapseMain: await next(),
    synapseReplication: await next(),
    synapseWorkers: [await next(), await next()],
    haos: [{ http: await next(), metrics: await next() }],
    haosPool: await next(),
    livekitApi: await next(),
    caddyAdmin: await next(),
    livekit: [],
  };
  for (let i = 0; i < 2; i++)
    ports.livekit.push({
      http: await next(),
      rtcTcp: await next(),
      rtcUdp: await next(),
      turnUdp: await next(),
      turnTls: await next(),
      prometheus: await next(),
    });
  return ports;
}

/** A loopback address of its own (127.x.y.z) where 443 and 80 are free: the "public" side. */
async function freeLoopbackAddress(): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const address = `127.${randomInt(16, 250)}.${randomInt(1, 250)}.${randomInt(2, 250)}`;
    if ((await isTcpPortFree(443, address)) && (await isTcpPortFree(80, address))) return address;
  }
  throw new Error('No loopback address with ports 443 and 80 free');
}

/**
 * A deployment folder `deploy init` makes for haos.test (certificates from a test CA, given as
 * files: Caddy never tries ACME), on free ports, its public side on a loopback address of its
 * own; the images compose needs, built locally and cached by content; podman-compose. Nothing
 * is started: the test runs `up` itself.
 */
export async function prepareComposeDeployment(
  log: (line: string) => void,
): Promise<ComposeDeployment> {
  const id = randomBytes(3).toString('hex');
  const project = `haos-compose-${id}`;
  const dir = path.join(stateRoot(), 'instances', project);
  mkdirSync(path.dirname(dir), { recursive: true });
  const env = podmanEnv();
  const began = Date.now();
  const base = await ensureLocalBaseImage(log);
  const [podmanCompose, standIns, livekitImage] = await Promise.all([
    ensurePodmanCompose(log),
    ensureStandInImages(base, log),
    ensureLiveKitBuilt(installsDir(), log).then((binary) => ensureLiveKitImage(binary, base)),
    // The deployment test's global setup builds the haos image; alone, this builds it.
    imageExists(HAOS_IMAGE, env)
      ? Promise.resolve()
      : ensureWebBuilt(log).then(() => buildHaosImage({ base, prebuilt: true, log })),
  ]);
  const imagesSeconds = (Date.now() - began) / 1000;
  const address = await freeLoopbackAddress();
  const ports = await freePorts();
  const { plan } = initDeployment({
    domain: TEST_DOMAIN,
    dir,
    nodeIp: address,
    certificates: 'files',
    plan: { ports, publicAddress: address },
  });
  const certs = await makeTestCertificates(path.join(dir, 'certs'), TEST_DOMAIN);
  const composeEnv = {
    ...env,
    ...standIns.images,
    HAOS_IMAGE,
    HAOS_LIVEKIT_IMAGE: livekitImage,
  };
  const compose = (args: string[]) =>
    run(podmanCompose, ['-p', project, '-f', path.join(dir, 'compose.yaml'), ...args], {
      env: composeEnv,
      cwd: dir,
    });
  const podman = (args: string[]) =>
    spawnSync('podman', args, { env, encoding: 'utf8' }).stdout.trim();
  const label = `label=io.podman.compose.project=${project}`;
  const containers = () => {
    const out: Record<string, string> = {};
    for (const line of podman([
      'ps',
      '-a',
      '--filter',
      label,
      '--format',
      '{{.Names}} {{index .Labels "com.docker.compose.service"}}',
    ]).split('\n')) {
      // prettier-ignore
      const [name, service] = line.split(' ');
      if (name && service) out[service] = name;
    }
    return out;
  };
  const volumes = () =>
    podman(['volume', 'ls', '--format', '{{.Name}}'])
      .split('\n')
      .filter((v) => v.startsWith(`${project}_`));

  const networks = () =>
    podman(['network', 'ls', '--format', '{{.Name}}'])
      .split('\n')
      .filter((n) => n.startsWith(`${project}_`));

  return {
    dir,
    project,
    networks,
    plan,
    address,
    origin: `https://${TEST_DOMAIN}`,
    certs,
    containers,
    volumes,
    compose,
    figures: { imagesSeconds, imagesBuilt: standIns.built },
    waitHealthy: async (ceilingMs, except = []) => {
      const deadline = Date.now() + ceilingMs;
      const healthy = new Set<string>();
      for (;;) {
        const all = Object.fromEntries(
          Object.entries(containers()).filter(([service]) => !except.includes(service)),
        );
        for (const [service, name] of Object.entries(all)) {
          if (healthy.has(service)) continue;
          const check = spawnSync('podman', ['healthcheck', 'run', name], { env });
          if (check.status === 0) {
            healthy.add(service);
            log(`compose: ${service} healthy`);
          }
        }
        const pending = Object.keys(all).filter((s) => !healthy.has(s));
        if (Object.keys(all).length > 0 && pending.length === 0) return;
        if (Date.now() > deadline) {
          const states = pending.map(
            (s) =>
              `${s}: ${podman(['inspect', all[s]!, '--format', '{{.State.Status}}'])}\n${podman(['logs', '--tail', '15', all[s]!])}`,
          );
          throw new Error(`compose services not healthy in time:\n${states.join('\n')}`);
        }
        await new Promise((r) => setTimeout(r, 2000));
      }
    },
    bootstrap: () => bootstrapDeployment(dir),
    tcpPorts: () => [
      { host: address, port: ports.https },
      { host: address, port: ports.http },
      ...[
        ports.postgres, ports.redis, ports.synapseMain, ports.synapseReplication,
        ...ports.synapseWorkers, ...ports.haos.flatMap((r) => [r.http, r.metrics]), ports.haosPool, ports.livekitApi,
        ports.caddyAdmin!, ...ports.livekit.flatMap((n) => [n.http, n.rtcTcp, n.prometheus]),
      ].map((port) => ({ host: '127.0.0.1', port })), // prettier-ignore
    ],
    destroy: async () => {
      try {
        await compose(['down', '-v', '-t', '10']);
      } catch (error) {
        log(`compose down failed: ${(error as Error).message.slice(0, 400)}`);
      }
      // Whatever of this project is still there (a failed `up` half-way), by its own label.
      const left = podman(['ps', '-aq', '--filter', label]).split('\n').filter(Boolean);
      if (left.length > 0) podman(['rm', '-f', '-t', '5', ...left]);
      const vols = volumes();
      if (vols.length > 0) podman(['volume', 'rm', '-f', ...vols]);
      const nets = networks();
      if (nets.length > 0) podman(['network', 'rm', '-f', ...nets]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
