import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StackPorts } from './stack.js';

export type StackStatus =
  | { state: 'stopped' }
  | {
      state: 'running';
      pid: number;
      startedAt: string;
      name: string;
      serverName: string;
      urls: Record<string, string>;
      ports: StackPorts;
      versions: Record<string, string>;
      logs: string;
      children: { name: string; pid: number }[];
    };

const FILE = 'status.json';

export function writeStatus(dir: string, status: StackStatus): void {
  writeFileSync(path.join(dir, FILE), `${JSON.stringify(status, null, 2)}\n`, { mode: 0o600 });
}

export function readStatus(dir: string): StackStatus | undefined {
  const file = path.join(dir, FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackStatus;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A stack whose controlling process died without cleaning up (killed with SIGKILL) leaves its
 * services running; this ends their process groups so the next start finds its ports free.
 */
export function reapOrphans(dir: string): number {
  const status = readStatus(dir);
  if (status?.state !== 'running' || isAlive(status.pid)) return 0;
  let reaped = 0;
  for (const child of status.children) {
    if (child.pid > 0 && isAlive(child.pid)) {
      try {
        process.kill(-child.pid, 'SIGKILL');
        reaped++;
      } catch {
        // Already gone.
      }
    }
  }
  writeStatus(dir, { state: 'stopped' });
  return reaped;
}
