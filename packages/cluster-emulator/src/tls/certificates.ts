import { promises as fs } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import forge from 'node-forge';

/** PEM-encoded CA and server certificate of the emulated clusters. */
export interface TlsMaterial {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  caFile: string;
}

function serialNumber(): string {
  // A positive 16-byte serial number, hex encoded.
  return `1${randomBytes(16).toString('hex').slice(1)}`;
}

/**
 * Signs a certificate with Node's native crypto (forge builds the
 * certificate; its pure-JS RSA is slow, very slow under test runners).
 */
function signCertificate(
  cert: forge.pki.Certificate,
  privateKeyPem: string,
): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption;
  cert.siginfo.algorithmOid = oid;
  cert.signatureOid = oid;
  // getTBSCertificate is part of forge's pki API but missing from its type definitions.
  const pki = forge.pki as typeof forge.pki & {
    getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1;
  };
  const tbs = pki.getTBSCertificate(cert);
  (cert as unknown as { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate = tbs;
  const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
  cert.signature = sign('sha256', der, privateKeyPem).toString('binary');
}

/** An RSA key pair from Node's native crypto. */
function rsaKeyPair(): {
  publicKey: forge.pki.rsa.PublicKey;
  privateKeyPem: string;
} {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey),
    privateKeyPem: pair.privateKey,
  };
}

function generateCa(): { cert: string; key: string } {
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  const subject = [
    { name: 'commonName', value: 'fractal-cluster-emulator-ca' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    {
      name: 'keyUsage',
      keyCertSign: true,
      cRLSign: true,
      digitalSignature: true,
      critical: true,
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(cert, keys.privateKeyPem);
  return { cert: forge.pki.certificateToPem(cert), key: keys.privateKeyPem };
}

function generateServerCert(
  caCertPem: string,
  caKeyPem: string,
  hosts: string[],
): { cert: string; key: string } {
  const caCert = forge.pki.certificateFromPem(caCertPem);
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  cert.setSubject([{ name: 'commonName', value: 'fractal-cluster-emulator' }]);
  cert.setIssuer(caCert.subject.attributes);
  const altNames = [
    ...new Set(['127.0.0.1', '::1', 'localhost', ...hosts]),
  ].map(host =>
    isIP(host) ? { type: 7, ip: host } : { type: 2, value: host },
  );
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  signCertificate(cert, caKeyPem);
  return { cert: forge.pki.certificateToPem(cert), key: keys.privateKeyPem };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Loads the CA from the state directory (creating it once, so a configured
 * `caFile` stays valid across restarts) and issues a fresh server
 * certificate for the given hosts.
 */
export async function ensureCertificates(
  stateDir: string,
  hosts: string[],
): Promise<TlsMaterial> {
  await fs.mkdir(stateDir, { recursive: true });
  const caFile = join(stateDir, 'ca.crt');
  const caKeyFile = join(stateDir, 'ca.key');
  let caCert = await readIfExists(caFile);
  let caKey = await readIfExists(caKeyFile);
  if (!caCert || !caKey) {
    const ca = generateCa();
    caCert = ca.cert;
    caKey = ca.key;
    await fs.writeFile(caKeyFile, caKey, { mode: 0o600 });
    await fs.writeFile(caFile, caCert);
  }
  const server = generateServerCert(caCert, caKey, hosts);
  return {
    caCert,
    caKey,
    serverCert: server.cert,
    serverKey: server.key,
    caFile,
  };
}
