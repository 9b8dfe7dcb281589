import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { PRIVATE_UMASK } from './private-files.js';

export interface Supervised {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** Resolves once the process has exited. */
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
}

/**
 * The command run through `sh` with the stack's umask (077), then exec'd: same pid, same
 * process group, and every file it creates is readable by its owner only.
 */
export function withPrivateUmask(command: string, args: string[]): [string, string[]] {
  const umask = PRIVATE_UMASK.toString(8).padStart(3, '0');
  return ['/bin/sh', ['-c', `umask ${umask} && exec "$0" "$@"`, command, ...args]];
}

/**
 * Starts a long-running service in its own process group, with stdout and stderr appended to
 * its (owner-only) log file, so that stopping it can signal the whole group and leave nothing
 * behind. The service runs with umask 077.
 */
export function spawnService(options: SpawnOptions): Supervised {
  const log: WriteStream = createWriteStream(options.logFile, { flags: 'a', mode: 0o600 });
  const [command, args] = withPrivateUmask(options.command, options.args);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Both streams write into one log: neither may end it (the other could still be writing).
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  // 'close' comes once both streams have ended: then the log is complete.
  child.once('close', () => log.end());
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(-1));
  });
  return { name: options.name, child, logFile: options.logFile, exited };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Stops a service: SIGTERM to its group, then SIGKILL if it has not exited within `graceMs`. */
export async function stopService(service: Supervised, graceMs = 5000): Promise<void> {
  signalGroup(service.child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(service.child, 'SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
  // Children the service left in its group (none expected) go too.
  signalGroup(service.child, 'SIGKILL');
}

/** Polls `url` until it answers with a status below 500, or throws after `timeoutMs`. */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  service?: Supervised,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | null | undefined;
  void service?.exited.then((code) => (exitedWith = code));
  let lastError = '';
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) {
      throw new Error(
        `${service?.name ?? url} exited (code ${String(exitedWith)}) before it was ready; see ${service?.logFile ?? 'its log'}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(
    `${service?.name ?? url} did not answer at ${url} within ${timeoutMs} ms (${lastError})${service ? `; see ${service.logFile}` : ''}`,
  );
}
