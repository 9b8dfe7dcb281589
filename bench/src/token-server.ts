import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import type { RunningStack } from '@haos/stack';

export interface ExtraServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Another haos-server on the stack (same LiveKit, Synapse, secrets files), with its own
 * settings: the bench compares configurations side by side without restarting the stack.
 */
export async function spawnServer(
  stack: RunningStack,
  repoRoot: string,
  name: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  /** Another checkout whose haos-server to run instead (HAOS_BENCH_BASELINE). */
  checkout = repoRoot,
): Promise<ExtraServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', path.join(checkout, 'apps', 'server', 'src', 'server.ts')],
    {
      cwd: checkout,
      env: {
        ...process.env,
        HAOS_SERVER_HOST: '127.0.0.1',
        HAOS_SERVER_PORT: String(port),
        HAOS_LIVEKIT_URL: stack.urls.livekit,
        HAOS_LIVEKIT_API_URL: stack.urls.livekitApi,
        HAOS_LIVEKIT_KEY_FILE: path.join(stack.dir, 'livekit-key'),
        HAOS_LIVEKIT_SECRET_FILE: path.join(stack.dir, 'livekit-secret'),
        HAOS_HOMESERVER_URLS: JSON.stringify({ [stack.serverName]: stack.urls.synapse }),
        HAOS_TRUSTED_HOMESERVERS_FILE: path.join(stack.dir, 'trusted-homeservers.json'),
        HAOS_METRICS_PORT: 'off',
        HAOS_LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haos-server (${name}) exited ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`haos-server (${name}) did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
