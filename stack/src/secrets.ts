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
  /** haos-server's application service tokens (it → Synapse, Synapse → it). */
  appserviceAsToken: string;
  appserviceHsToken: string;
}

/** Loads the instance's secrets, generating fresh ones on first use. The file is mode 0600. */
export function loadOrCreateSecrets(file: string): StackSecrets {
  const existing = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<StackSecrets>)
    : {};
  const secrets: StackSecrets = {
    registrationSharedSecret: existing.registrationSharedSecret ?? randomSecret(),
    macaroonSecretKey: existing.macaroonSecretKey ?? randomSecret(),
    formSecret: existing.formSecret ?? randomSecret(),
    livekitApiKey: existing.livekitApiKey ?? `API${randomSecret(9)}`,
    livekitApiSecret: existing.livekitApiSecret ?? randomSecret(32),
    // Instances made before haos-server was an application service get theirs now.
    appserviceAsToken: existing.appserviceAsToken ?? randomSecret(),
    appserviceHsToken: existing.appserviceHsToken ?? randomSecret(),
  };
  if (Object.keys(existing).length !== Object.keys(secrets).length) {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** Writes one secret to its own 0600 file so a process can read it without seeing it in env or argv. */
export function writeSecretFile(file: string, value: string): void {
  writeFileSync(file, value, { mode: 0o600 });
}
