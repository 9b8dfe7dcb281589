import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** A socket a process listens on: a TCP socket in LISTEN, or an unconnected UDP socket. */
export interface Listener {
  pid: number;
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  address: string;
  port: number;
}

const TCP_LISTEN = '0A';

/** /proc/net's hex address ("0100007F:1F90", or 32 hex digits for IPv6) → "127.0.0.1", port. */
function decode(hex: string): { address: string; port: number } {
  const [ip = '', port = '0'] = hex.split(':');
  const bytes = Buffer.from(ip, 'hex');
  let address: string;
  if (bytes.length === 4) {
    address = [...bytes].reverse().join('.');
  } else {
    // Four little-endian 32-bit words.
    const words: string[] = [];
    for (let i = 0; i < 16; i += 4) {
      const word = bytes.subarray(i, i + 4).reverse();
      words.push(word.subarray(0, 2).toString('hex'), word.subarray(2, 4).toString('hex'));
    }
    address = words.join(':');
  }
  return { address, port: parseInt(port, 16) };
}

/** Every process in the process groups these leaders started (the stack's services and children). */
export function processGroupMembers(leaders: number[]): number[] {
  const groups = new Set(leaders);
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (groups.has(Number(fields[2]))) members.push(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return members;
}

/** The sockets these processes listen on, read from /proc (Linux). */
export function listenersOf(pids: number[]): Listener[] {
  const owner = new Map<string, number>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match?.[1]) owner.set(match[1], pid);
      } catch {
        // Closed meanwhile.
      }
    }
  }
  const found: Listener[] = [];
  for (const protocol of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    let table = '';
    try {
      table = readFileSync(`/proc/net/${protocol}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.trim().split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [local = '', remote = '', state = '', inode = ''] = [
        cols[1],
        cols[2],
        cols[3],
        cols[9],
      ];
      const pid = owner.get(inode);
      if (pid === undefined) continue;
      const listening = protocol.startsWith('tcp')
        ? state === TCP_LISTEN
        : decode(remote).port === 0;
      if (listening) found.push({ pid, protocol, ...decode(local) });
    }
  }
  return found;
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopback(address: string): boolean {
  const normal = address.toLowerCase();
  if (/^127\./.test(normal)) return true;
  if (normal === '0000:0000:0000:0000:0000:0000:0000:0001') return true;
  return /^0000:0000:0000:0000:0000:ffff:7f/.test(normal);
}
