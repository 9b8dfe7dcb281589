import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort, isTcpPortFree } from './ports.js';
import { isAlive } from './status.js';
import { repoRoot } from './paths.js';

const instance = `cli-${process.pid}-${Date.now().toString(36)}`;
const cli = (args: string[], env: NodeJS.ProcessEnv) =>
  spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'stack', 'src', 'cli.ts'), ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, HAOS_INSTANCE: instance, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'stack', 'src', 'cli.ts'), ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, HAOS_INSTANCE: instance, ...env },
      encoding: 'utf8',
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function portEnv(): Promise<Record<string, string>> {
  const taken = new Set<number>();
  const env: Record<string, string> = {};
  for (const name of ['WEB', 'SYNAPSE', 'SERVER', 'LIVEKIT', 'LIVEKIT_RTC_UDP', 'LIVEKIT_TURN']) {
    const port = await findFreePort(taken);
    taken.add(port);
    env[`HAOS_PORT_${name}`] = String(port);
  }
  return env;
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${String(code)} before ${pattern}; output:\n${output}`));
    });
  });
}

afterAll(() => {
  runCli(['stop']);
  runCli(['reset']);
});

describe('./haos start, status, stop and reset', () => {
  it('starts the whole stack, reports it as JSON, and Ctrl-C leaves no process and no port behind', async () => {
    const env = await portEnv();
    const child = cli(['start'], env);
    const output = await waitForOutput(child, /Press Ctrl-C to stop everything/, 240_000);
    expect(output).toContain(`Open http://127.0.0.1:${env.HAOS_PORT_WEB}`);

    const status = runCli(['status', '--json']);
    const report = JSON.parse(status.stdout) as {
      state: string;
      urls: Record<string, string>;
      health: Record<string, boolean>;
    };
    expect(report.state).toBe('running');
    expect(report.health).toEqual({ synapse: true, livekit: true, server: true, web: true });

    // The Vite dev server sends the same security headers production does.
    const page = await fetch(report.urls.web ?? '');
    expect(page.headers.get('content-security-policy')).toContain(
      "script-src 'self' 'wasm-unsafe-eval'",
    );
    const config = (await (await fetch(`${report.urls.web}/config.json`)).json()) as Record<
      string,
      string
    >;
    expect(config.defaultHomeserverUrl).toBe(`http://127.0.0.1:${env.HAOS_PORT_SYNAPSE}`);

    // A second start refuses while this one runs.
    const second = runCli(['start'], env);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/already running/);

    const stateFile = JSON.parse(
      spawnSync('cat', [path.join(repoRoot, '.haos', 'instances', instance, 'status.json')], {
        encoding: 'utf8',
      }).stdout,
    ) as { children: { name: string; pid: number }[] };
    const pids = stateFile.children.map((c) => c.pid);
    expect(pids.length).toBe(4);

    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    for (const port of [
      env.HAOS_PORT_WEB,
      env.HAOS_PORT_SYNAPSE,
      env.HAOS_PORT_SERVER,
      env.HAOS_PORT_LIVEKIT,
    ]) {
      expect(await isTcpPortFree(Number(port))).toBe(true);
    }
    expect(JSON.parse(runCli(['status', '--json']).stdout)).toMatchObject({ state: 'stopped' });
  });

  it('stops with a clear message and exit code 2 when a port is taken', async () => {
    const env = await portEnv();
    const blocker = net.createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(Number(env.HAOS_PORT_SYNAPSE), '127.0.0.1', resolve),
    );
    try {
      const result = runCli(['start'], env);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        `synapse port ${env.HAOS_PORT_SYNAPSE} (set HAOS_PORT_SYNAPSE to change it)`,
      );
      expect(result.stderr).toMatch(/Fix: /);
    } finally {
      blocker.close();
    }
  });

  it('reset wipes the instance data, and unknown commands get usage', () => {
    const reset = runCli(['reset']);
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/Wiped the data/);
    const unknown = runCli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
