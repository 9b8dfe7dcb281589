#!/usr/bin/env node
// Type-checks every TypeScript project of the repository, each with its own tsconfig.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projects = [
  '.',
  'apps/server',
  'apps/web',
  'apps/web/tsconfig.node.json',
  'apps/web/tsconfig.test.json',
  'stack',
  'e2e',
  'bench',
];
let failed = 0;
for (const project of projects) {
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'tsc'),
    ['-p', project, '--pretty'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`typecheck failed: ${project}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
