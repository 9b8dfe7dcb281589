import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root (the folder holding the top-level package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The one git-ignored folder holding everything the stack creates: the Synapse virtualenv,
 * the LiveKit binary, databases, generated configs, secrets and logs.
 */
export function stateRoot(): string {
  return process.env.HAOS_STATE_DIR ?? path.join(repoRoot, '.haos');
}

/** Where installs that every instance shares live (venv, binaries). */
export function installsDir(): string {
  return path.join(stateRoot(), 'installs');
}

/** Where one stack instance keeps its data, configs, secrets and logs. */
export function instanceDir(name: string): string {
  return path.join(stateRoot(), 'instances', name);
}
