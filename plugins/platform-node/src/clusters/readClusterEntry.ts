import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { KubeConfig } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { PlatformClusterConnection } from './PlatformCluster';
import {
  createKubeConfig,
  loadKubeConfigFile,
  withToken,
} from './createKubeConfig';

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const KNOWN_KEYS = new Set([
  'name',
  'url',
  'environment',
  'authProvider',
  'serviceAccountToken',
  'caData',
  'caFile',
  'skipTLSVerify',
  'kubeconfig',
  'provisioning',
]);

/** Options of {@link readClusterEntry}. @internal */
export interface ReadClusterEntryOptions {
  /** The config key of the entry, e.g. `platform.clusters[0]`, used in messages. */
  key: string;
  /** Directory relative paths resolve against. Default `process.cwd()`. */
  cwd?: string;
  /** Accept keys of other plugins (for the kubernetes plugin's entries). */
  ignoreUnknownKeys?: boolean;
  /** Receives non-fatal findings, e.g. a CA file that does not exist yet. */
  warn?: (message: string) => void;
}

function expandPath(path: string, cwd: string): string {
  if (path === '~' || path.startsWith('~/')) {
    return resolve(homedir(), path.slice(2));
  }
  return resolve(cwd, path);
}

function readCaData(config: Config, key: string): string | undefined {
  const caData = config.getOptionalString('caData');
  if (caData === undefined) {
    return undefined;
  }
  const pem = Buffer.from(caData, 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError(
      `${key}.caData must be a base64-encoded PEM certificate`,
    );
  }
  return caData;
}

function readUrl(config: Config, key: string, skipTLSVerify: boolean): string {
  const url = config.getString('url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${key}.url '${url}' is not a valid URL`);
  }
  if (parsed.protocol === 'http:' && !skipTLSVerify) {
    throw new InputError(
      `${key}.url '${url}' uses http; use https, or set ${key}.skipTLSVerify: true for a local server`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InputError(`${key}.url '${url}' must start with https://`);
  }
  return url.replace(/\/+$/, '');
}

function readToken(config: Config, key: string): string {
  const token = config.getOptionalString('serviceAccountToken');
  if (!token) {
    throw new InputError(
      `${key}.serviceAccountToken is required with ${key}.url (or use ${key}.kubeconfig)`,
    );
  }
  return token;
}

function readReadConfig(
  config: Config,
  options: Required<Pick<ReadClusterEntryOptions, 'key' | 'cwd'>> &
    ReadClusterEntryOptions,
  name: string,
): KubeConfig {
  const { key, cwd } = options;
  const kubeconfig = config.getOptionalConfig('kubeconfig');
  if (kubeconfig) {
    for (const conflicting of [
      'url',
      'serviceAccountToken',
      'caData',
      'caFile',
    ]) {
      if (config.has(conflicting)) {
        throw new InputError(
          `${key}: set either ${key}.kubeconfig or ${key}.${conflicting}, not both`,
        );
      }
    }
    const path = expandPath(kubeconfig.getString('path'), cwd);
    const loaded = loadKubeConfigFile(
      path,
      kubeconfig.getOptionalString('context'),
      `${key}.kubeconfig`,
    );
    // Name the context after the cluster so every purpose looks alike.
    const current = loaded.getCurrentCluster()!;
    const user = loaded.getCurrentUser();
    if (!user) {
      throw new InputError(
        `${key}.kubeconfig: the selected context has no user`,
      );
    }
    loaded.loadFromOptions({
      clusters: [{ ...current, name }],
      users: [{ ...user, name: `${name}-read` }],
      contexts: [{ name, cluster: name, user: `${name}-read` }],
      currentContext: name,
    });
    return loaded;
  }
  if (!config.has('url')) {
    throw new InputError(`${key}: set ${key}.url or ${key}.kubeconfig`);
  }
  const authProvider = config.getOptionalString('authProvider');
  if (authProvider !== undefined && authProvider !== 'serviceAccount') {
    throw new InputError(
      `${key}.authProvider '${authProvider}' is not supported; Fractal reads with a service account token (authProvider: serviceAccount)`,
    );
  }
  const skipTLSVerify = config.getOptionalBoolean('skipTLSVerify') ?? false;
  const url = readUrl(config, key, skipTLSVerify);
  const token = readToken(config, key);
  const caData = readCaData(config, key);
  const caFileRaw = config.getOptionalString('caFile');
  if (caData !== undefined && caFileRaw !== undefined) {
    throw new InputError(`${key}: set either caData or caFile, not both`);
  }
  if (skipTLSVerify && (caData !== undefined || caFileRaw !== undefined)) {
    throw new InputError(
      `${key}: skipTLSVerify: true ignores the CA; remove ${key}.skipTLSVerify or the CA`,
    );
  }
  const caFile =
    caFileRaw === undefined ? undefined : expandPath(caFileRaw, cwd);
  if (caFile !== undefined && !existsSync(caFile)) {
    options.warn?.(
      `${key}.caFile '${caFile}' does not exist yet; connections to '${name}' fail until it does`,
    );
  }
  return createKubeConfig({
    cluster: name,
    server: url,
    caData,
    caFile,
    skipTLSVerify,
    token,
    user: 'read',
  });
}

function readProvisioningConfig(
  config: Config,
  key: string,
  cwd: string,
  name: string,
  read: KubeConfig,
): KubeConfig {
  const provisioning = config.getOptionalConfig('provisioning');
  if (!provisioning) {
    return read;
  }
  const pkey = `${key}.provisioning`;
  const token = provisioning.getOptionalString('serviceAccountToken');
  const kubeconfig = provisioning.getOptionalConfig('kubeconfig');
  if (token !== undefined && kubeconfig) {
    throw new InputError(
      `${pkey}: set either serviceAccountToken or kubeconfig, not both`,
    );
  }
  if (kubeconfig) {
    return loadKubeConfigFile(
      expandPath(kubeconfig.getString('path'), cwd),
      kubeconfig.getOptionalString('context'),
      `${pkey}.kubeconfig`,
    );
  }
  if (!token) {
    throw new InputError(
      `${pkey} needs serviceAccountToken or kubeconfig (omit ${pkey} to provision with the read credentials)`,
    );
  }
  return withToken(read, name, token, 'provision');
}

/**
 * Reads and validates one cluster entry. Every error names the config key.
 * @internal
 */
export function readClusterEntry(
  config: Config,
  options: ReadClusterEntryOptions,
): PlatformClusterConnection {
  const { key } = options;
  const cwd = options.cwd ?? process.cwd();
  if (!options.ignoreUnknownKeys) {
    for (const k of config.keys()) {
      if (!KNOWN_KEYS.has(k)) {
        throw new InputError(
          `${key}.${k} is not a known key (known: ${[...KNOWN_KEYS].join(
            ', ',
          )})`,
        );
      }
    }
  }
  if (!config.has('name')) {
    throw new InputError(`${key}.name is required`);
  }
  const name = config.getString('name');
  if (!NAME_PATTERN.test(name)) {
    throw new InputError(
      `${key}.name '${name}' must be lower case letters, digits and '-', at most 63 characters`,
    );
  }
  const read = readReadConfig(config, { ...options, cwd }, name);
  const provision = readProvisioningConfig(config, key, cwd, name, read);
  return {
    name,
    url: read.getCurrentCluster()!.server,
    environment: config.getOptionalString('environment'),
    source: key,
    kubeConfigs: { read, provision },
  };
}
