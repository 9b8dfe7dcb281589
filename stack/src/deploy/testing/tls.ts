import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../image.js';

export interface TestCertificates {
  /** The local CA's certificate (PEM file), for Node clients (`ca`) and the doctor (--ca). */
  caFile: string;
  fullchain: string;
  privkey: string;
  /** base64 SHA-256 of the leaf's SubjectPublicKeyInfo: Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
}

/**
 * A throwaway certificate authority and a certificate it signs for `domain`, `*.domain`,
 * localhost and 127.0.0.1, made with openssl into `dir` (the deployment's certs/ folder).
 */
export async function makeTestCertificates(dir: string, domain: string): Promise<TestCertificates> {
  const f = (name: string) => path.join(dir, name);
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '30',
    '-subj', '/CN=HAOS deployment test CA', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]); // prettier-ignore
  await run('openssl', [
    'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', f('privkey.pem'), '-out', f('leaf.csr'), '-subj', `/CN=${domain}`,
  ]); // prettier-ignore
  writeFileSync(
    f('leaf.ext'),
    `subjectAltName=DNS:${domain},DNS:*.${domain},DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n`,
  );
  await run('openssl', [
    'x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'),
    '-CAcreateserial', '-out', f('leaf.pem'), '-days', '30', '-extfile', f('leaf.ext'),
  ]); // prettier-ignore
  const leaf = readFileSync(f('leaf.pem'), 'utf8');
  writeFileSync(f('fullchain.pem'), leaf + readFileSync(f('ca.pem'), 'utf8'));
  const spkiDer = new X509Certificate(leaf).publicKey.export({ type: 'spki', format: 'der' });
  return {
    caFile: f('ca.pem'),
    fullchain: f('fullchain.pem'),
    privkey: f('privkey.pem'),
    spki: createHash('sha256').update(spkiDer).digest('base64'),
  };
}
