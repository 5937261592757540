import { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { JsonValue } from '../util/json';
import { badRequest, StatusBody, StatusError } from '../api/StatusError';

/** Largest request body the API server accepts (3 MiB, as kube-apiserver). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Headers every API response carries. */
export function baseHeaders(
  contentType = 'application/json',
): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache, private',
    'Audit-Id': randomUUID(),
    'X-Content-Type-Options': 'nosniff',
  };
}

/** Large bodies are written in slices, so encryption and sending overlap. */
const SLICE_BYTES = 256 * 1024;

/**
 * Writes a body: at once when small; in slices with backpressure when large
 * (TLS encrypts a whole write before its first byte leaves, so a 15 MB list
 * written at once would delay the first byte by the time to encrypt it all);
 * in 16 KiB chunks with a pause between them when a slow-stream fault is on.
 */
export function writeBody(
  res: ServerResponse,
  body: Buffer,
  slowChunkMs: number,
): void {
  if (slowChunkMs > 0) {
    let offset = 0;
    const next = () => {
      if (res.destroyed) return;
      const chunk = body.subarray(offset, offset + 16384);
      offset += chunk.length;
      if (offset >= body.length) res.end(chunk);
      else {
        res.write(chunk);
        setTimeout(next, slowChunkMs);
      }
    };
    setTimeout(next, slowChunkMs);
    return;
  }
  if (body.length <= SLICE_BYTES) {
    res.end(body);
    return;
  }
  let offset = 0;
  const pump = () => {
    while (!res.destroyed) {
      const end = Math.min(offset + SLICE_BYTES, body.length);
      const slice = body.subarray(offset, end);
      offset = end;
      if (offset >= body.length) {
        res.end(slice);
        return;
      }
      if (!res.write(slice)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

/** Sends a JSON text with a status code. */
export function sendJsonText(
  res: ServerResponse,
  code: number,
  json: string | Buffer,
  options: {
    warnings?: string[];
    slowChunkMs?: number;
    contentType?: string;
  } = {},
): void {
  const body = typeof json === 'string' ? Buffer.from(json) : json;
  const headers: Record<string, string | string[]> = baseHeaders(
    options.contentType,
  );
  headers['Content-Length'] = String(body.length);
  if (options.warnings && options.warnings.length > 0) {
    headers.Warning = options.warnings.map(w => `299 - ${JSON.stringify(w)}`);
  }
  res.writeHead(code, headers);
  writeBody(res, body, options.slowChunkMs ?? 0);
}

/** Sends a Status body. */
export function sendStatus(res: ServerResponse, status: StatusBody): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJsonText(res, status.code, JSON.stringify(status));
}

/** Sends any error as a Status (non-Status errors become 500 InternalError). */
export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof StatusError) {
    sendStatus(res, error.body);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendStatus(
    res,
    new StatusError(
      500,
      'InternalError',
      `Internal error occurred: ${message}`,
      {
        causes: [{ reason: '', message }],
      },
    ).body,
  );
}

/** Reads a request body (413 past the limit). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new StatusError(
            413,
            'RequestEntityTooLarge',
            'Request entity too large: limit is 3145728',
          ),
        );
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a request body as JSON, or as YAML for apply patches and YAML content. */
export function parseBody(raw: Buffer, contentType: string): JsonValue {
  const text = raw.toString('utf8');
  if (!text.trim()) {
    throw badRequest('the body of the request was empty');
  }
  const yamlish = contentType.includes('yaml');
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    if (!yamlish) {
      throw badRequest(
        `the object provided is unrecognized: couldn't get version/kind; json parse error: ${
          (error as Error).message
        }`,
      );
    }
  }
  try {
    return parseYaml(text) as JsonValue;
  } catch (error) {
    throw badRequest(`error decoding YAML: ${(error as Error).message}`);
  }
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}
