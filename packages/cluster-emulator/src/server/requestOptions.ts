import { IncomingMessage } from 'node:http';
import { isJsonObject, JsonObject, JsonValue } from '../util/json';
import { KubeObject } from '../util/objects';
import { badRequest } from '../api/StatusError';
import { DeleteOptions, WriteOptions } from '../service/ObjectService';
import { StoredObject } from '../store/ResourceTable';
import { groupVersionOf, ResourceType } from '../store/ResourceType';
import { mediaType, parseBody, readBody } from './http';

/** Renders stored objects in a type's version (the cached bytes when it is the stored one). */
export function renderFor(
  type: ResourceType,
): (stored: StoredObject) => Buffer {
  const gv = groupVersionOf(type);
  return stored =>
    stored.object.apiVersion === gv
      ? stored.bytes
      : Buffer.from(JSON.stringify({ ...stored.object, apiVersion: gv }));
}

/** An object in a type's version. */
export function objectFor(type: ResourceType, obj: KubeObject): KubeObject {
  const gv = groupVersionOf(type);
  return obj.apiVersion === gv ? obj : { ...obj, apiVersion: gv };
}

export function flag(url: URL, name: string): boolean {
  const value = url.searchParams.get(name);
  return value === 'true' || value === '1';
}

export function writeOptions(url: URL, req: IncomingMessage): WriteOptions {
  const options: WriteOptions = {
    warnings: [],
    userAgent: req.headers['user-agent'],
  };
  const dryRun = url.searchParams.getAll('dryRun');
  if (dryRun.length > 0) {
    if (dryRun.some(d => d !== 'All')) {
      throw badRequest(
        `Invalid dryRun value: ${JSON.stringify(
          dryRun,
        )}; supported values: "All"`,
      );
    }
    options.dryRun = true;
  }
  const manager = url.searchParams.get('fieldManager');
  if (manager !== null) {
    if (manager.length > 128)
      throw badRequest(
        'fieldManager: Too long: may not be more than 128 bytes',
      );
    options.fieldManager = manager;
  }
  const validation = url.searchParams.get('fieldValidation');
  if (validation !== null) {
    if (!['Strict', 'Warn', 'Ignore'].includes(validation)) {
      throw badRequest(
        `fieldValidation: Unsupported value: ${JSON.stringify(
          validation,
        )}: supported values: "Ignore", "Strict", "Warn"`,
      );
    }
    options.fieldValidation = validation as WriteOptions['fieldValidation'];
  }
  if (url.searchParams.has('force')) options.force = flag(url, 'force');
  return options;
}

/** Serves every verb on one resource path. */

/** Reads DeleteOptions from the query and an optional body. */
export async function readDeleteOptions(
  req: IncomingMessage,
  url: URL,
): Promise<DeleteOptions> {
  const options: DeleteOptions = {};
  const raw = await readBody(req);
  let body: JsonValue = {};
  if (raw.length > 0 && raw.toString('utf8').trim()) {
    body = parseBody(raw, mediaType(req.headers['content-type']));
  }
  const bodyObj: JsonObject = isJsonObject(body) ? body : {};
  const policy =
    url.searchParams.get('propagationPolicy') ?? bodyObj.propagationPolicy;
  if (policy !== undefined && policy !== null) {
    if (
      policy !== 'Orphan' &&
      policy !== 'Background' &&
      policy !== 'Foreground'
    ) {
      throw badRequest(
        `propagationPolicy: Unsupported value: ${JSON.stringify(
          policy,
        )}: supported values: "Foreground", "Background", "Orphan"`,
      );
    }
    options.propagationPolicy = policy;
  }
  if (bodyObj.orphanDependents === true && !options.propagationPolicy)
    options.propagationPolicy = 'Orphan';
  const dryRun = url.searchParams.getAll('dryRun');
  const bodyDryRun = Array.isArray(bodyObj.dryRun) ? bodyObj.dryRun : [];
  if ([...dryRun, ...bodyDryRun].length > 0) {
    if ([...dryRun, ...bodyDryRun].some(d => d !== 'All'))
      throw badRequest('Invalid dryRun value; supported values: "All"');
    options.dryRun = true;
  }
  if (isJsonObject(bodyObj.preconditions)) {
    const pre = bodyObj.preconditions;
    options.preconditions = {
      uid: typeof pre.uid === 'string' ? pre.uid : undefined,
      resourceVersion:
        typeof pre.resourceVersion === 'string'
          ? pre.resourceVersion
          : undefined,
    };
  }
  return options;
}
