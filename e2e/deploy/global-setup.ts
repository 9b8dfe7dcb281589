import { randomBytes, timingSafeEqual } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { startTopology, type Topology } from '@haos/stack/deploy-testing';
import { DEPLOY_FILE, type DeployInfo } from './deployment';

/**
 * Brings up the deployment, and a loopback control endpoint through which the specs kill and
 * start LiveKit nodes and Synapse workers, and restart everything. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // Developing the specs: reuse a deployment `node --import tsx e2e/deploy/serve.ts` keeps up.
  if (process.env.HAOS_DEPLOY_REUSE === '1') return async () => {};
  const topology: Topology = await startTopology((line) =>
    process.stdout.write(`[deploy] ${line}\n`),
  );
  const token = randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const control = createServer((req, res) => {
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (
      auth.length !== expected.length ||
      !timingSafeEqual(auth, expected) ||
      req.method !== 'POST'
    ) {
      res.writeHead(403).end();
      return;
    }
    const [, kind, index, verb] = /^\/(\w+)\/(\d+)\/(\w+)$/.exec(req.url ?? '') ?? [];
    const i = Number(index);
    const actions: Record<string, () => Promise<unknown>> = {
      'livekit/kill': () => topology.killLiveKit(i, 'SIGKILL'),
      'livekit/term': () => topology.killLiveKit(i, 'SIGTERM'),
      'livekit/exited': () => topology.liveKitExited(i),
      'livekit/start': () => topology.startLiveKit(i),
      'livekit/alive': () => Promise.resolve(topology.liveKitAlive(i)),
      'worker/kill': () => topology.killSynapseWorker(i),
      'worker/start': () => topology.startSynapseWorker(i),
      'haos/stop': () => topology.stopHaosReplica(i),
      'haos/start': () => topology.startHaosReplica(i),
      'all/restart': () => topology.restart(),
      'nginx/reload': () => Promise.resolve(topology.reloadNginx()),
      'all/pids': () => Promise.resolve(topology.pids()),
    };
    const action = actions[`${kind}/${verb}`];
    if (!action) {
      res.writeHead(404).end();
      return;
    }
    action().then(
      (value) =>
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify(value ?? null)),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const address = control.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const info: DeployInfo = {
    origin: topology.origin,
    domain: topology.plan.domain,
    address: topology.netns.hostAddress,
    netns: topology.netns.name,
    caFile: topology.certs.caFile,
    chromiumArgs: topology.chromiumArgs,
    registrationToken: topology.registrationToken,
    adminToken: topology.adminToken,
    livekit: topology.livekit,
    livekitPrometheus: topology.plan.ports.livekit.map((n) => n.prometheus),
    synapseMain: `http://127.0.0.1:${topology.plan.ports.synapseMain}`,
    haosReplicas: topology.plan.ports.haos.map((r) => `http://127.0.0.1:${r.http}`),
    haosPool: `http://127.0.0.1:${topology.plan.ports.haosPool}`,
    dir: topology.dir,
    figures: topology.figures,
    control: { url: `http://127.0.0.1:${port}`, token },
  };
  writeFileSync(DEPLOY_FILE, JSON.stringify(info), { mode: 0o600 });
  return async () => {
    control.close();
    await topology.stop();
  };
}
