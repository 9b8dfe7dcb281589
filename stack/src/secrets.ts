import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** A random URL-safe secret of `bytes` bytes of entropy. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export interface StackSecrets {
  registrationSharedSecret: string;
  macaroonSecretKey: string;
  formSecret: string;
  livekitApiKey: string;
  livekitApiSecret: string;
}

/** Loads the instance's secrets, generating fresh ones on first use. The file is mode 0600. */
export function loadOrCreateSecrets(file: string): StackSecrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StackSecrets;
  const secrets: StackSecrets = {
    registrationSharedSecret: randomSecret(),
    macaroonSecretKey: randomSecret(),
    formSecret: randomSecret(),
    livekitApiKey: `API${randomSecret(9)}`,
    livekitApiSecret: randomSecret(32),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Writes one secret to its own 0600 file so a process can read it without seeing it in env or argv. */
export function writeSecretFile(file: string, value: string): void {
  writeFileSync(file, value, { mode: 0o600 });
}
