import { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from '../api/StatusError';
import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { makeFilter, matchesFilter } from '../service/listObjects';
import { StoredObject } from '../store/ResourceTable';
import { groupVersionOf, ResourceType } from '../store/ResourceType';
import { flag, objectFor, renderFor } from './requestOptions';
import { Route } from './routes';
import { renderTable, wantsTable } from './table';
import { WatchStream } from './WatchStream';

type ResourceRoute = Extract<Route, { kind: 'resource' }>;

/** Settings of the watch endpoint. */
export interface WatchSettings {
  /** Default watch duration when the client sets no timeoutSeconds (s); randomised up to twice this. */
  defaultTimeoutSeconds: number;
  bookmarkIntervalMs: number;
  maxBufferedBytes: number;
}

/** What a watch needs from its server. */
export interface WatchContext {
  cluster: EmulatedCluster;
  settings: WatchSettings;
  openWatches: Set<WatchStream>;
}

/**
 * A watch: synthetic ADDED events for the current state (no resourceVersion,
 * `0` or sendInitialEvents), or the history replayed from a resourceVersion
 * (ERROR 410 when it is older than the history), then live events.
 */
export function serveWatch(
  context: WatchContext,
  type: ResourceType,
  route: ResourceRoute,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  let fieldSelector = url.searchParams.get('fieldSelector') ?? undefined;
  if (route.name !== undefined) {
    const byName = `metadata.name=${route.name}`;
    fieldSelector = fieldSelector ? `${fieldSelector},${byName}` : byName;
  }
  const filter = makeFilter(
    type,
    type.namespaced ? route.namespace : undefined,
    url.searchParams.get('labelSelector') ?? undefined,
    fieldSelector,
  );
  const rvParam = url.searchParams.get('resourceVersion') ?? '';
  if (rvParam !== '' && !/^\d+$/.test(rvParam)) {
    throw badRequest(
      `resourceVersion: Invalid value: ${JSON.stringify(
        rvParam,
      )}: must be a non-negative integer`,
    );
  }
  const store = context.cluster.core.store;
  const table = store.table(type.storageKey);
  const timeoutParam = url.searchParams.get('timeoutSeconds');
  const settings = context.settings;
  const timeoutMs = timeoutParam
    ? Number(timeoutParam) * 1000
    : settings.defaultTimeoutSeconds *
      1000 *
      (1 + context.cluster.core.random.next());
  const tableOutput = wantsTable(req.headers.accept);
  const baseRender = renderFor(type);
  const render = tableOutput
    ? (stored: StoredObject) =>
        Buffer.from(
          JSON.stringify(
            renderTable(
              type,
              [objectFor(type, stored.object)],
              String(stored.rv),
              context.cluster.core.now(),
              url.searchParams.get('includeObject') ?? undefined,
            ),
          ),
        )
    : baseRender;
  const bookmarks = flag(url, 'allowWatchBookmarks');
  const stream = new WatchStream(res, {
    render,
    shareLines: !tableOutput,
    matches: obj => matchesFilter(filter, obj),
    apiVersion: groupVersionOf(type),
    kind: type.kind,
    timeoutMs,
    bookmarkIntervalMs: bookmarks ? settings.bookmarkIntervalMs : undefined,
    slowStreamMs: () => context.cluster.faults.slowStreamMs,
    currentResourceVersion: () => store.resourceVersion,
    maxBufferedBytes: settings.maxBufferedBytes,
    onClose: s => context.openWatches.delete(s),
  });
  context.openWatches.add(stream);
  const initial =
    rvParam === '' || rvParam === '0' || flag(url, 'sendInitialEvents');
  if (initial) {
    const prefix = filter.namespace !== undefined ? `${filter.namespace}/` : '';
    for (const key of table.sortedKeys()) {
      if (prefix && !key.startsWith(prefix)) continue;
      const stored = table.get(key)!;
      if (matchesFilter(filter, stored.object)) stream.deliver('ADDED', stored);
    }
    if (flag(url, 'sendInitialEvents') && bookmarks) {
      stream.bookmark({ 'k8s.io/initial-events-end': 'true' });
    }
    stream.attach(table);
    return;
  }
  const rv = Number(rvParam);
  const events =
    context.cluster.faults.settings.forceWatchExpired &&
    rv < store.resourceVersion
      ? undefined
      : table.eventsAfter(rv);
  if (!events) {
    stream.expire(
      `too old resource version: ${rv} (${Math.max(
        table.floor,
        store.resourceVersion,
      )})`,
    );
    return;
  }
  stream.replay(events);
  stream.attach(table);
}
