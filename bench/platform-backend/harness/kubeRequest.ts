import { Agent, request } from 'node:https';

/** A minimal HTTPS call to an emulated cluster. */
export function kubeRequest(
  target: { url: string; caPem: string; token: string; agent?: Agent },
  method: 'GET' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<any> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, target.url),
      {
        method,
        agent: target.agent,
        ca: target.caPem,
        headers: {
          Authorization: `Bearer ${target.token}`,
          ...(text
            ? {
                'Content-Type': 'application/merge-patch+json',
                'Content-Length': Buffer.byteLength(text),
              }
            : {}),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 300)
            reject(
              new Error(
                `${method} ${path}: ${res.statusCode} ${raw.slice(0, 200)}`,
              ),
            );
          else resolve(JSON.parse(raw));
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
