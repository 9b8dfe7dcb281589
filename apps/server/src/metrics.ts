import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

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
