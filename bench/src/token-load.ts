import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

export interface LoadFigures {
  connections: number;
  requests: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of the measured process per request, in microseconds. */
  cpuPerRequestUs: number;
}

export interface LoadOptions {
  url: string;
  body: string | (() => string);
  connections: number;
  /** How long to load, in seconds. */
  seconds: number;
  /** The process whose CPU is measured (haos-server). */
  pid: number;
  headers?: Record<string, string>;
}

/** Sends POSTs with autocannon for a fixed time and reports throughput, latency and CPU. */
export async function load(options: LoadOptions): Promise<LoadFigures> {
  const statuses: Record<string, number> = {};
  const before = cpuMs(options.pid);
  const bodyOf = typeof options.body === 'function' ? options.body : () => options.body as string;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    headers: { 'content-type': 'application/json', ...options.headers },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodyOf() }) }],
    setupClient: (client) => {
      client.on('response', (statusCode: number) => {
        statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      });
    },
  });
  const cpu = cpuMs(options.pid) - before;
  const requests = result.requests.total;
  return {
    connections: options.connections,
    requests,
    statuses,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuPerRequestUs: requests > 0 ? Math.round((cpu * 1000) / requests) : 0,
  };
}
