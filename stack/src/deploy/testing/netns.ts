import { randomInt } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { writeFileSync, chmodSync } from 'node:fs';

/** A network namespace joined to this host by a veth pair on test-only addresses (198.18.0.0/15). */
export interface TestNetns {
  name: string;
  /** The host end's address: the deployment's public address. */
  hostAddress: string;
  /** The namespace end's address. */
  nsAddress: string;
  /** Drops all UDP and every TCP port but 443 leaving the namespace (a UDP-hostile network). */
  restrict(): void;
  /** A Chromium wrapper that runs the browser inside the namespace. */
  chromiumWrapper(file: string, chromium: string): string;
  remove(): void;
}

function sh(args: string[]): void {
  const result = spawnSync(args[0] ?? 'true', args.slice(1), { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} failed: ${result.stderr || result.error?.message || ''}`);
}

/**
 * Creates the namespace and the veth pair with a random /30 from 198.18.0.0/15 (the block
 * reserved for network tests), so parallel runs do not collide and nothing outside is reached.
 */
export function createTestNetns(id: string): TestNetns {
  const base = randomInt(0, 2 * 256 * 64) * 4; // /30 blocks within 198.18.0.0/15
  const octet3 = Math.floor(base / 256);
  const a = (n: number) =>
    `198.${18 + Math.floor(octet3 / 256)}.${octet3 % 256}.${(base % 256) + n}`;
  const name = `haos-${id}`;
  const host = `hd${id}h`.slice(0, 15);
  const peer = `hd${id}n`.slice(0, 15);
  const hostAddress = a(1);
  const nsAddress = a(2);
  sh(['ip', 'netns', 'add', name]);
  try {
    sh(['ip', 'link', 'add', host, 'type', 'veth', 'peer', 'name', peer]);
    sh(['ip', 'link', 'set', peer, 'netns', name]);
    sh(['ip', 'addr', 'add', `${hostAddress}/30`, 'dev', host]);
    sh(['ip', 'link', 'set', host, 'up']);
    const ns = (args: string[]) => sh(['ip', 'netns', 'exec', name, ...args]);
    ns(['ip', 'addr', 'add', `${nsAddress}/30`, 'dev', peer]);
    ns(['ip', 'link', 'set', peer, 'up']);
    ns(['ip', 'link', 'set', 'lo', 'up']);
    ns(['ip', 'route', 'add', 'default', 'via', hostAddress]);
  } catch (error) {
    spawnSync('ip', ['link', 'del', host]);
    spawnSync('ip', ['netns', 'del', name]);
    throw error;
  }
  return {
    name,
    hostAddress,
    nsAddress,
    restrict() {
      const ipt = (rule: string[]) => sh(['ip', 'netns', 'exec', name, 'iptables', ...rule]);
      ipt(['-A', 'OUTPUT', '-o', 'lo', '-j', 'ACCEPT']);
      ipt(['-A', 'OUTPUT', '-p', 'tcp', '--dport', '443', '-j', 'ACCEPT']);
      ipt([
        '-A',
        'OUTPUT',
        '-p',
        'tcp',
        '-m',
        'conntrack',
        '--ctstate',
        'ESTABLISHED',
        '-j',
        'ACCEPT',
      ]);
      ipt(['-P', 'OUTPUT', 'DROP']);
    },
    chromiumWrapper(file, chromium) {
      writeFileSync(file, `#!/bin/sh\nexec ip netns exec ${name} ${chromium} "$@"\n`);
      chmodSync(file, 0o755);
      return file;
    },
    remove() {
      spawnSync('ip', ['netns', 'pids', name], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .forEach((pid) => {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            // gone already
          }
        });
      spawnSync('ip', ['link', 'del', host]);
      spawnSync('ip', ['netns', 'del', name]);
    },
  };
}
