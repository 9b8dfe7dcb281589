import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import tailwindcss from '@tailwindcss/vite';
import { contentSecurityPolicy, securityHeaders } from '../server/src/csp';

/**
 * In development, serves /config.json (the stack passes it in HAOS_WEB_CONFIG) and sends the
 * same security headers production sends, so CSP problems show up while developing.
 */
function haosDevServer(): Plugin {
  const config = process.env.HAOS_WEB_CONFIG ?? '{}';
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(config) as Record<string, unknown>;
  } catch {
    throw new Error('HAOS_WEB_CONFIG is not valid JSON');
  }
  const origins = Object.values(parsed).filter((v): v is string => typeof v === 'string');
  const headers = securityHeaders(contentSecurityPolicy({ connectOrigins: origins, dev: true }));
  return {
    name: 'haos-dev-server',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        if (isUnderStateDir(req.url)) {
          // Refused whether or not the file exists (Vite would answer a missing one with the
          // app's index.html), so the answer says nothing about what the state folder holds.
          res.statusCode = 403;
          res.end('Refused: the state folder is never served.');
          return;
        }
        if (req.url === '/config.json') {
          res.setHeader('Content-Type', 'application/json');
          res.setHeader('Cache-Control', 'no-store');
          res.end(config);
          return;
        }
        next();
      });
    },
  };
}

const webDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webDir, '..', '..');
/** The stack's state folder (stack/src/paths.ts): databases, media, logs and every secret. */
const stateDir = path.resolve(process.env.HAOS_STATE_DIR ?? path.join(repoRoot, '.haos'));

/** True for a `/@fs/` request that resolves into the state folder. */
function isUnderStateDir(url: string | undefined): boolean {
  if (!url?.startsWith('/@fs/')) return false;
  let target: string;
  try {
    target = path.resolve(decodeURIComponent(url.slice('/@fs'.length).split('?')[0] ?? ''));
  } catch {
    return true; // a malformed escape: refused rather than guessed at
  }
  return target === stateDir || target.startsWith(`${stateDir}${path.sep}`);
}
export default defineConfig({
  plugins: [tailwindcss(), haosDevServer()],
  server: {
    // Loopback only; the HMR websocket shares this server, so it is loopback-only too.
    host: '127.0.0.1',
    hmr: { host: '127.0.0.1' },
    fs: {
      // The dev server hands out the web app's own files and the npm packages it imports, and
      // nothing else of the repository or the machine (Vite's default is the whole workspace).
      strict: true,
      allow: [webDir, path.join(repoRoot, 'node_modules')],
      // Refused even where allowed: the state folder, and anything that looks like a secret.
      deny: [
        `${stateDir}/**`,
        '**/.haos/**',
        '.env',
        '.env.*',
        '*.{crt,pem,key}',
        '**/.git/**',
        'secrets.json',
        'admin-token',
        'livekit-secret',
        'livekit-key',
        'trusted-homeservers.json',
        'homeserver.yaml',
        '*.db',
        '*.db-*',
      ],
    },
  },
  preview: { host: '127.0.0.1' },
  resolve: {
    // Radix's scroll lock injects <style> elements, which the CSP refuses: the same API on
    // constructed style sheets (src/app/style-singleton.ts).
    alias: { 'react-style-singleton': path.join(webDir, 'src/app/style-singleton.ts') },
  },
  // The Rust crypto loads its WebAssembly relative to its own module: pre-bundling it into
  // .vite/deps would leave the .wasm behind (the dev server would answer with index.html).
  optimizeDeps: { exclude: ['@matrix-org/matrix-sdk-crypto-wasm'] },
  // LiveKit's E2EE worker is an ES module.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
});
