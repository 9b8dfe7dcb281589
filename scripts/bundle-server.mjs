#!/usr/bin/env node
// Bundles haos-server into one ES module (no node_modules at run time) and copies the built web
// app beside it: OUT/server.mjs, OUT/web/. Used by deploy/Containerfile and the deployment test.
//   node scripts/bundle-server.mjs OUT
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, '.haos', 'image-app'));
const web = path.join(root, 'apps', 'web', 'dist');
if (!existsSync(path.join(web, 'index.html'))) {
  process.stderr.write(`bundle-server: ${web} has no index.html; build the web app first\n`);
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [path.join(root, 'apps', 'server', 'src', 'server.ts')],
  outfile: path.join(out, 'server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __haosCreateRequire } from 'node:module'; const require = __haosCreateRequire(import.meta.url);",
  },
});
cpSync(web, path.join(out, 'web'), { recursive: true });
process.stdout.write(`bundle-server: wrote ${path.relative(root, out)}/server.mjs and web/\n`);
