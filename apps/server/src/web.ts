import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { ServerConfig } from './config.js';
import { contentSecurityPolicy, securityHeaders } from './csp.js';

/**
 * Serves the built web app (production) with a strict CSP, its runtime config at /config.json,
 * and index.html for client-side routes.
 */
export async function registerWebApp(app: FastifyInstance, config: ServerConfig): Promise<void> {
  if (config.webConfig !== undefined) {
    const body = JSON.stringify(config.webConfig);
    app.get('/config.json', async (_request, reply) => {
      void reply.header('Cache-Control', 'no-store').type('application/json');
      return body;
    });
  }
  const notFound = (method: string, url: string) => ({
    errcode: 'M_UNRECOGNIZED',
    error: `No such endpoint: ${method} ${url.split('?')[0] ?? ''}`,
  });
  if (config.webDist === undefined) {
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send(notFound(request.method, request.url)),
    );
    return;
  }
  const root = path.resolve(config.webDist);
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`HAOS_WEB_DIST (${root}) holds no index.html; build the web app first`);
  }
  const connectOrigins = [
    config.livekitUrl,
    ...Object.values(config.webConfig ?? {}).filter((v): v is string => typeof v === 'string'),
  ];
  const headers = securityHeaders(contentSecurityPolicy({ connectOrigins }));
  await app.register(fastifyStatic, {
    root,
    index: 'index.html',
    wildcard: false,
    setHeaders: (reply, filePath) => {
      void reply.headers(headers);
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      void reply.header(
        'Cache-Control',
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  // Client-side routes (e.g. /channels/…) get the app; unknown API paths keep their JSON 404.
  app.setNotFoundHandler((request, reply) => {
    const accept = request.headers.accept ?? '';
    if (request.method === 'GET' && accept.includes('text/html')) {
      for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
      void reply.header('Cache-Control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(notFound(request.method, request.url));
  });
}
