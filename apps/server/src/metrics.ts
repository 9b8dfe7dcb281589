import { createServer, type Server } from 'node:http';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

/** Prometheus metrics for the token service, on a registry of its own (one per app). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const issued = new Counter({
    name: 'haos_tokens_issued_total',
    help: 'LiveKit tokens issued',
    labelNames: ['route'],
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'haos_requests_rejected_total',
    help: 'Requests answered with an error, by route and errcode',
    labelNames: ['route', 'errcode'],
    registers: [registry],
  });
  return {
    contentType: registry.contentType,
    issued: (route: string) => issued.inc({ route }),
    rejected: (route: string, errcode: string) => rejected.inc({ route, errcode }),
    render: () => registry.metrics(),
  };
}

/**
 * `/metrics` on a listener of its own (HAOS_METRICS_HOST:HAOS_METRICS_PORT, loopback by
 * default), never on the client port: what it tells (request counts, errors, process figures)
 * is for the operator, not for the internet.
 */
export async function listenMetrics(metrics: Metrics, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end('{"errcode":"M_UNRECOGNIZED","error":"Only /metrics is served here"}');
      return;
    }
    metrics.render().then(
      (text) => {
        response.writeHead(200, { 'Content-Type': metrics.contentType });
        response.end(text);
      },
      () => {
        response.writeHead(500);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
