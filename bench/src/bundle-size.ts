import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureWebBuilt } from '@haos/stack';

export interface ChunkFigure {
  file: string;
  bytes: number;
  gzipBytes: number;
  initial: boolean;
}

/**
 * What the first screen downloads: the scripts index.html loads or preloads (initial), and the
 * chunks loaded later on demand (lazy), each raw and gzipped.
 */
export async function measureBundle(
  webDir: string,
): Promise<{ chunks: ChunkFigure[]; initialGzipBytes: number }> {
  await ensureWebBuilt(() => {});
  const dist = path.join(webDir, 'dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initialRefs = new Set(
    [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]),
  );
  const assets = path.join(dist, 'assets');
  const chunks = readdirSync(assets)
    .filter((f) => /\.(js|css|wasm)$/.test(f))
    .map((f) => {
      const data = readFileSync(path.join(assets, f));
      return {
        file: f,
        bytes: statSync(path.join(assets, f)).size,
        gzipBytes: gzipSync(data, { level: 9 }).length,
        initial: initialRefs.has(`assets/${f}`),
      };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipBytes - a.gzipBytes);
  const initialGzipBytes = chunks.filter((c) => c.initial).reduce((n, c) => n + c.gzipBytes, 0);
  return { chunks, initialGzipBytes };
}
