import { spawnSync } from 'node:child_process';
import { StackError } from './errors.js';
import { isTcpPortFree, isUdpPortFree } from './ports.js';

function versionOf(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  return `${result.stdout}${result.stderr}`.trim();
}

/** Finds a Python 3.10+ (only needed until Synapse is installed). */
export function findPython(): string {
  for (const candidate of [process.env.HAOS_PYTHON, 'python3', 'python'].filter(
    Boolean,
  ) as string[]) {
    const out = versionOf(candidate, [
      '-c',
      'import sys, venv; print("%d.%d" % sys.version_info[:2])',
    ]);
    const match = out ? /^(\d+)\.(\d+)/.exec(out) : null;
    if (match && (Number(match[1]) > 3 || (Number(match[1]) === 3 && Number(match[2]) >= 10)))
      return candidate;
  }
  throw new StackError(
    'PYTHON_MISSING',
    'Python 3.10 or newer (with its venv module) was not found; Synapse needs it.',
    'Install it (Debian: apt-get install python3 python3-venv), or point HAOS_PYTHON at one.',
  );
}

/** Checks that Go 1.24+ is on the PATH (only needed until LiveKit is built). */
export function checkGo(): void {
  const out = versionOf('go', ['version']);
  const match = out ? /go(\d+)\.(\d+)/.exec(out) : null;
  if (!match || Number(match[1]) < 1 || (Number(match[1]) === 1 && Number(match[2]) < 24)) {
    throw new StackError(
      'GO_MISSING',
      out
        ? `Go 1.24 or newer is needed to build LiveKit; found: ${out}`
        : 'Go was not found; it is needed to build LiveKit.',
      'Install Go 1.24+ (https://go.dev/dl) and make sure `go` is on your PATH.',
    );
  }
}

export interface PortNeed {
  name: string;
  port: number;
  env: string;
  udp?: boolean;
}

/** Stops with a clear message naming every port that is already taken. */
export async function checkPortsFree(needs: PortNeed[]): Promise<void> {
  const taken: string[] = [];
  for (const need of needs) {
    const free = need.udp ? await isUdpPortFree(need.port) : await isTcpPortFree(need.port);
    if (!free)
      taken.push(
        `${need.name} port ${need.port}${need.udp ? '/udp' : ''} (set ${need.env} to change it)`,
      );
  }
  if (taken.length > 0) {
    throw new StackError(
      'PORT_TAKEN',
      `These ports are already in use: ${taken.join('; ')}.`,
      'Stop whatever uses them (another HAOS stack?), or choose other ports with the variables named.',
    );
  }
}
