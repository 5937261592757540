/* Paged LIST (limit/continue) of 10k objects with a small and a large watch history,
 * side by side: a continue page must cost the same whatever the history holds. */
import { Agent } from 'node:https';
import {
  fetchPath,
  fmt,
  get,
  patch,
  percentile,
  startServer,
  Target,
} from './benchClient';

const LIST_SIZE = Number(process.env.BENCH_LIST_SIZE ?? 10_000);
const PAGE_LIMIT = 500;
const PAGED_RUNS = Number(process.env.BENCH_PAGED_RUNS ?? 10);
const PAGED_WARMUPS = 2;
const SMALL_HISTORY = Number(process.env.BENCH_SMALL_HISTORY ?? 1_000);
const LARGE_HISTORY = 200_000;
const WRITES_BETWEEN_PAGES = 20;
const BACKLOG_WRITES = Number(process.env.BENCH_BACKLOG_WRITES ?? 100_000);
const PATH = '/apis/platform.fractal.dev/v1alpha1/postgresqlinstances';

function pagePath(token?: string): string {
  return `${PATH}?limit=${PAGE_LIMIT}${
    token ? `&continue=${encodeURIComponent(token)}` : ''
  }`;
}

interface Page {
  ms: number;
  items: number;
  token?: string;
}

async function page(
  target: Target,
  agent: Agent,
  token?: string,
): Promise<Page | 'expired'> {
  const fetched = await fetchPath(target, agent, pagePath(token));
  if (fetched.status === 410) return 'expired';
  if (fetched.status !== 200)
    throw new Error(`paged LIST: ${fetched.status} ${fetched.body}`);
  const body = JSON.parse(fetched.body);
  return {
    ms: fetched.ms,
    items: body.items.length,
    token: body.metadata.continue || undefined,
  };
}

export interface PagedListResult {
  historySize: number;
  /** Whole list (every page), with writes between pages: server and transfer time of the pages only. */
  listMs: number[];
  pages: number;
  /** Continue pages after BACKLOG_WRITES writes since the first page, or `expired` (410). */
  afterBacklog: number[] | 'expired';
}

/** One history size: its own server with LIST_SIZE PostgreSQLInstances on dev. */
async function benchHistory(historySize: number): Promise<PagedListResult> {
  const server = await startServer({
    BENCH_OBJECTS: String(LIST_SIZE),
    BENCH_LIST_SIZE: String(LIST_SIZE),
    BENCH_HISTORY_SIZE: String(historySize),
  });
  const reader: Target = {
    url: server.info.clusters[0].url,
    ca: server.info.clusters[0].caPem,
    token: server.info.tokens['fractal-reader'],
  };
  const writer: Target = { ...reader, token: server.info.tokens.admin };
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const writeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    // Same writes on both servers; the large history then holds LARGE_HISTORY events of the collection.
    await server.churn(LARGE_HISTORY - LIST_SIZE);
    const listMs: number[] = [];
    let pages = 0;
    let written = 0;
    for (let run = 0; run < PAGED_WARMUPS + PAGED_RUNS; run++) {
      let token: string | undefined;
      let ms = 0;
      let items = 0;
      pages = 0;
      do {
        const result = await page(reader, agent, token);
        if (result === 'expired')
          throw new Error(
            `paged LIST expired with historySize ${historySize}: raise BENCH_SMALL_HISTORY`,
          );
        ms += result.ms;
        items += result.items;
        pages++;
        token = result.token;
        for (let w = 0; token && w < WRITES_BETWEEN_PAGES; w++, written++) {
          const i = (written * 7) % LIST_SIZE;
          await patch(
            writer,
            writeAgent,
            `/apis/platform.fractal.dev/v1alpha1/namespaces/tenant-${
              ['payments', 'checkout', 'search', 'identity'][i % 4]
            }/postgresqlinstances/postgresqlinstance-${i}`,
            { metadata: { labels: { 'bench-paged': String(written) } } },
          );
        }
      } while (token);
      if (items !== LIST_SIZE)
        throw new Error(`paged LIST returned ${items} of ${LIST_SIZE} items`);
      if (run >= PAGED_WARMUPS) listMs.push(ms);
    }

    // A slow reader: the rest of the list after many writes since its first page.
    const first = await get(reader, agent, pagePath());
    let token: string | undefined = JSON.parse(first.body).metadata.continue;
    await server.churn(BACKLOG_WRITES);
    const afterBacklog: number[] = [];
    while (token) {
      const result = await page(reader, agent, token);
      if (result === 'expired')
        return { historySize, listMs, pages, afterBacklog: 'expired' };
      afterBacklog.push(result.ms);
      token = result.token;
    }
    return { historySize, listMs, pages, afterBacklog };
  } finally {
    agent.destroy();
    writeAgent.destroy();
    await server.stop();
  }
}

/** Runs both history sizes and returns the report rows. */
export async function benchPagedList(): Promise<string[][]> {
  const small = await benchHistory(SMALL_HISTORY);
  const large = await benchHistory(LARGE_HISTORY);
  const listMedian = (r: PagedListResult) => percentile(r.listMs, 0.5);
  const rows: string[][] = [];
  for (const r of [small, large]) {
    rows.push([
      `paged LIST ${LIST_SIZE} objects (limit ${PAGE_LIMIT}, ${r.pages} pages, ${WRITES_BETWEEN_PAGES} writes between pages), historySize ${r.historySize}, median`,
      fmt(listMedian(r)),
      r === large
        ? `${(listMedian(large) / listMedian(small)).toFixed(
            2,
          )}x the small history`
        : 'sum of the pages',
    ]);
  }
  for (const r of [small, large]) {
    const after = r.afterBacklog;
    rows.push([
      `  continue page after ${BACKLOG_WRITES} writes since the first page, historySize ${r.historySize}, median`,
      after === 'expired' ? '410 Expired' : fmt(percentile(after, 0.5)),
      after === 'expired'
        ? 'the token is older than the history (as documented)'
        : `${after.length} pages`,
    ]);
  }
  return rows;
}
