import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The state folder holds the homeserver's database, media, signing key, logs and every generated
 * secret: it is its owner's alone. Folders are 0700 and files 0600, and every service the stack
 * starts runs with umask 077, so what Synapse or LiveKit create later is private too.
 */
export const PRIVATE_UMASK = 0o077;

/** Creates a folder (and its parents below `within`) readable by the owner only. */
export function mkdirPrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Makes an existing tree private: folders 0700, files 0600 (an executable bit stays for the
 * owner). For instances created before the stack did so, and for anything created outside it.
 * Symbolic links (e.g. a shared installs folder) are left alone.
 */
export function makeTreePrivate(root: string): void {
  let stat;
  try {
    stat = lstatSync(root);
  } catch {
    return;
  }
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(root, 0o700);
    for (const child of readdirSync(root)) makeTreePrivate(path.join(root, child));
  } else if ((stat.mode & PRIVATE_UMASK) !== 0) {
    chmodSync(root, stat.mode & 0o700);
  }
}
