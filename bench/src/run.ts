import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBundle } from './bundle-size.js';

/** Runs the benchmarks and prints their figures: JSON first, then a short table. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const bundle = await measureBundle(path.join(repoRoot, 'apps', 'web'));
process.stdout.write(`${JSON.stringify({ bundle }, null, 2)}\n\n`);
process.stdout.write('Web bundle (first screen = initial)\n');
for (const c of bundle.chunks) {
  process.stdout.write(
    `  ${c.initial ? 'initial' : 'lazy   '}  ${kb(c.gzipBytes).padStart(10)} gz  ${kb(c.bytes).padStart(10)} raw  ${c.file}\n`,
  );
}
process.stdout.write(
  `  first screen, gzipped: ${kb(bundle.initialGzipBytes)} (aim: under 400 KB)\n`,
);
