import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { randomSecret } from '../secrets.js';

/** Every secret a deployment needs, generated fresh by `deploy init`. */
export interface DeploySecrets {
  postgresPassword: string;
  redisPassword: string;
  registrationSharedSecret: string;
  macaroonSecretKey: string;
  formSecret: string;
  workerReplicationSecret: string;
  livekitApiKey: string;
  livekitApiSecret: string;
  /** Application service tokens (haos-server as an appservice). */
  appserviceAsToken: string;
  appserviceHsToken: string;
  /** Synapse's ed25519 signing key, in Synapse's file format. */
  signingKey: string;
}

/** A Synapse signing key file line: `ed25519 <key id> <unpadded base64 seed>`. */
export function synapseSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url')
    .toString('base64')
    .replace(/=+$/, '');
  const keyId = `a_${randomBytes(3)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x')}`;
  return `ed25519 ${keyId} ${seed}\n`;
}

export function generateDeploySecrets(): DeploySecrets {
  return {
    // Hex: safe inside connection strings and YAML without quoting.
    postgresPassword: randomBytes(24).toString('hex'),
    redisPassword: randomBytes(24).toString('hex'),
    registrationSharedSecret: randomSecret(),
    macaroonSecretKey: randomSecret(),
    formSecret: randomSecret(),
    workerReplicationSecret: randomSecret(),
    livekitApiKey: `API${randomBytes(8).toString('hex')}`,
    livekitApiSecret: randomSecret(32),
    appserviceAsToken: randomSecret(),
    appserviceHsToken: randomSecret(),
    signingKey: synapseSigningKey(),
  };
}
