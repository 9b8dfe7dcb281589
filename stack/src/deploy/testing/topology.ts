import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureLiveKitBuilt } from '../../livekit.js';
import { installsDir, stateRoot } from '../../paths.js';
import { findFreePort } from '../../ports.js';
import { spawnService, stopService, type Supervised } from '../../process.js';
import { ensureWebBuilt } from '../../web.js';
import { bootstrapDeployment } from '../bootstrap.js';
import { haosReplicaEnv } from '../generate.js';
import { buildHaosImage, ensureLocalBaseImage, HAOS_IMAGE, podmanEnv } from '../image.js';
import { initDeployment } from '../init.js';
import type { DeployPlan, DeployPorts } from '../plan.js';
import { createTestNetns, type TestNetns } from './netns.js';
import {
  ensureScaleSynapse,
  startLiveKitNode,
  startNginx,
  startPostgres,
  startRedis,
  startSynapseProcess,
} from './services.js';
import { makeTestCertificates, type TestCertificates } from './tls.js';

export const TEST_DOMAIN = 'haos.test';

export interface Topology {
  dir: string;
  plan: DeployPlan;
  origin: string;
  certs: TestCertificates;
  netns: TestNetns;
  adminToken: string;
  registrationToken: string;
  livekit: { apiKey: string; apiSecret: string };
  figures: { bringUpSeconds: number; imageBuildSeconds: number };
  /** Chromium flags: the test names resolve to the deployment, its CA's leaf is trusted. */
  chromiumArgs: string[];
  /** Process ids of running services, by name (for the bench). */
  pids(): Record<string, number>;
  killLiveKit(index: number, signal: NodeJS.Signals): Promise<void>;
  startLiveKit(index: number): Promise<void>;
  liveKitExited(index: number): Promise<number | null>;
  /** Whether node `index`'s process is still running (a draining node is). */
  liveKitAlive(index: number): boolean;
  killSynapseWorker(index: number): Promise<void>;
  startSynapseWorker(index: number): Promise<void>;
  /** Stops haos-server replica `index` (podman stop) and waits until it is gone. */
  stopHaosReplica(index: number): Promise<void>;
  /** Starts haos-server replica `index` again and waits until its health check passes. */
  startHaosReplica(index: number): Promise<void>;
  /** Re-reads nginx.conf (SIGHUP: new workers take over, none is dropped). */
  reloadNginx(): void;
  /** Stops every service (the data stays), then starts them all again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePorts(nodes: number, workers: number, replicas: number): Promise<DeployPorts> {
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
    synapseWorkers: [],
    haos: [],
    haosPool: await next(),
    livekitApi: await next(),
    livekit: [],
  };
  for (let i = 0; i < replicas; i++) ports.haos.push({ http: await next(), metrics: await next() });
  for (let i = 0; i < workers; i++) ports.synapseWorkers.push(await next());
  for (let i = 0; i < nodes; i++)
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

/**
 * Brings up the production topology from a deployment `deploy init` generates: PostgreSQL,
 * Redis, Synapse main and two workers, two LiveKit nodes, the haos image under podman and nginx
 * on port 443 of a test-only address (the host end of a network namespace's veth pair), with a
 * certificate from a local CA for haos.test and *.haos.test. Everything in its own folder.
 */
export async function startTopology(log: (line: string) => void): Promise<Topology> {
  const began = Date.now();
  const id = randomBytes(3).toString('hex');
  const dir = path.join(stateRoot(), 'instances', `deploy-${id}`);
  mkdirSync(path.dirname(dir), { recursive: true });
  const netns = createTestNetns(id);
  // Clients inside it reach the deployment on TCP 443 only (a UDP-hostile network).
  netns.restrict();
  const services = new Map<string, Supervised>();
  /** The running haos-server containers, by replica index. */
  const containers = new Map<number, string>();
  const env = podmanEnv();
  const stopAll = async () => {
    for (const name of containers.values())
      spawnSync('podman', ['stop', '-t', '10', name], { env });
    containers.clear();
    await Promise.all([...services.values()].map((s) => stopService(s, 10_000)));
    services.clear();
  };
  try {
    const [python, livekitBinary, image] = await Promise.all([
      ensureScaleSynapse(log),
      ensureLiveKitBuilt(installsDir(), log),
      ensureWebBuilt(log).then(async () =>
        buildHaosImage({ base: await ensureLocalBaseImage(log), prebuilt: true, log }),
      ),
      ensureDirs(dir),
    ]);
    const ports = await freePorts(2, 2, 2);
    const { plan } = initDeployment({
      domain: TEST_DOMAIN,
      dir,
      nodeIp: netns.hostAddress,
      plan: {
        ports,
        publicAddress: netns.hostAddress,
        root: dir,
        data: path.join(dir, 'data'),
      },
    });
    const certs = await makeTestCertificates(path.join(dir, 'certs'), TEST_DOMAIN);
    const logs = path.join(dir, 'logs');
    mkdirSync(logs, { recursive: true });
    const secret = (name: string) => readFileSync(path.join(dir, 'secrets', name), 'utf8').trim();

    const startCore = async () => {
      // Both started side by side; whichever started is registered for stopping even if the
      // other failed (a Redis left running by a failed PostgreSQL start was found here).
      const [postgres, redis] = await Promise.allSettled([
        startPostgres(plan, secret('postgres_password'), logs),
        startRedis(plan, dir, logs),
      ]);
      if (postgres.status === 'fulfilled') services.set('postgres', postgres.value);
      if (redis.status === 'fulfilled') services.set('redis', redis.value);
      if (postgres.status === 'rejected') throw postgres.reason;
      if (redis.status === 'rejected') throw redis.reason;
      const [main, ...nodes] = await Promise.all([
        startSynapseProcess(python, dir, logs, undefined, ports.synapseMain),
        ...ports.livekit.map((n, i) => startLiveKitNode(livekitBinary, dir, logs, i, n.http)),
      ]);
      services.set('synapse-main', main);
      nodes.forEach((n, i) => services.set(`livekit${i + 1}`, n));
      const workers = await Promise.all(
        ports.synapseWorkers.map((p, i) => startSynapseProcess(python, dir, logs, i + 1, p)),
      );
      workers.forEach((w, i) => services.set(`synapse-worker${i + 1}`, w));
      services.set('nginx', await startNginx(dir, plan, logs));
    };
    // Every haos-server replica: the same image and haos.env, its own ports, one Redis.
    const startHaosReplica = async (index: number) => {
      const name = `haos-deploy-${id}-${index + 1}`;
      const ports = Object.entries(haosReplicaEnv(plan, index)).flatMap(([k, v]) => [
        '-e',
        `${k}=${v}`,
      ]);
      const haos = spawnService({
        name: `haos${index + 1} (podman)`,
        command: 'podman',
        args: [
          'run', '--rm', '--name', name, '--pull=never', '--network=host',
          '--env-file', path.join(dir, 'haos', 'haos.env'), ...ports, '-v', `${dir}:${dir}:ro`, HAOS_IMAGE,
        ], // prettier-ignore
        env,
        logFile: path.join(logs, `haos${index + 1}.log`),
      });
      containers.set(index, name);
      services.set(`haos${index + 1}`, haos);
      // podman runs no health check timers here (no systemd): ask the image's check until it passes.
      const deadline = Date.now() + 60_000;
      while (spawnSync('podman', ['healthcheck', 'run', name], { env }).status !== 0) {
        if (Date.now() > deadline || haos.child.exitCode !== null)
          throw new Error(`the haos container did not become healthy; see ${haos.logFile}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const startHaos = () => Promise.all(plan.ports.haos.map((_, i) => startHaosReplica(i)));
    const stopHaosReplica = async (index: number) => {
      const name = containers.get(index);
      if (!name) return;
      containers.delete(index);
      spawnSync('podman', ['stop', '-t', '10', name], { env });
      const s = services.get(`haos${index + 1}`);
      services.delete(`haos${index + 1}`);
      if (s) await s.exited;
    };

    await startCore();
    const boot = await bootstrapDeployment(dir);
    await startHaos();
    const bringUpSeconds = (Date.now() - began) / 1000;
    log(
      `Deployment up in ${bringUpSeconds.toFixed(0)} s at https://${TEST_DOMAIN}/ (${netns.hostAddress})`,
    );

    return {
      dir,
      plan,
      origin: `https://${TEST_DOMAIN}`,
      certs,
      netns,
      adminToken: boot.adminToken,
      registrationToken: boot.registrationToken,
      livekit: {
        apiKey: readFileSync(path.join(dir, 'secrets', 'haos', 'livekit_key'), 'utf8').trim(),
        apiSecret: readFileSync(path.join(dir, 'secrets', 'haos', 'livekit_secret'), 'utf8').trim(),
      },
      figures: { bringUpSeconds, imageBuildSeconds: image.seconds },
      chromiumArgs: [
        `--host-resolver-rules=MAP ${TEST_DOMAIN} ${netns.hostAddress}, MAP *.${TEST_DOMAIN} ${netns.hostAddress}`,
        `--ignore-certificate-errors-spki-list=${certs.spki}`,
      ],
      pids: () => {
        const out: Record<string, number> = {};
        for (const [name, s] of services) if (s.child.pid) out[name] = s.child.pid;
        // The containers' processes hang under conmon, not under `podman run`: take their own.
        for (const [index, name] of containers) {
          const pid = Number(
            spawnSync('podman', ['inspect', name, '--format', '{{.State.Pid}}'], {
              env,
              encoding: 'utf8',
            }).stdout.trim(),
          );
          if (pid > 0) out[`haos${index + 1}`] = pid;
        }
        return out;
      },
      killLiveKit: async (index, signal) => {
        const s = services.get(`livekit${index + 1}`);
        if (!s) return;
        if (signal === 'SIGKILL') {
          services.delete(`livekit${index + 1}`);
          s.child.kill('SIGKILL');
          await s.exited;
        } else s.child.kill(signal);
      },
      liveKitExited: async (index) => {
        const s = services.get(`livekit${index + 1}`);
        const code = s ? await s.exited : null;
        services.delete(`livekit${index + 1}`);
        return code;
      },
      liveKitAlive: (index) => {
        const s = services.get(`livekit${index + 1}`);
        return s !== undefined && s.child.exitCode === null && s.child.signalCode === null;
      },
      startLiveKit: async (index) => {
        const n = ports.livekit[index]!;
        services.set(
          `livekit${index + 1}`,
          await startLiveKitNode(livekitBinary, dir, logs, index, n.http),
        );
      },
      killSynapseWorker: async (index) => {
        const s = services.get(`synapse-worker${index + 1}`);
        if (!s) return;
        services.delete(`synapse-worker${index + 1}`);
        s.child.kill('SIGKILL');
        await s.exited;
      },
      startSynapseWorker: async (index) => {
        services.set(
          `synapse-worker${index + 1}`,
          await startSynapseProcess(python, dir, logs, index + 1, ports.synapseWorkers[index]!),
        );
      },
      stopHaosReplica,
      startHaosReplica,
      reloadNginx: () => {
        services.get('nginx')?.child.kill('SIGHUP');
      },
      restart: async () => {
        await stopAll();
        await startCore();
        await startHaos();
      },
      stop: async () => {
        try {
          await stopAll();
        } finally {
          netns.remove();
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await stopAll();
    netns.remove();
    throw error;
  }
}

async function ensureDirs(dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  await Promise.resolve();
}
