import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ReactNode, useState } from 'react';
import { platformApiRef } from '../../apis';
import { LiveQueryState, useLiveQuery } from '../../hooks/useLiveQuery';
import { useNow } from '../../hooks/useNow';
import { WindowDays, windowFor } from '../../utils/window';
import { UpdatedAgo } from '../UpdatedAgo';
import { AdoptionSection } from './AdoptionSection';
import { ClusterHealthTable } from './ClusterHealthTable';
import { ScopeNotice } from './ScopeNotice';
import { ScoreFigures } from './ScoreFigures';
import { TenantTable, tenantRows } from './TenantTable';
import { TrendSection } from './TrendSection';
import { WindowPicker } from './WindowPicker';
import { StaleDataAlert } from '../StaleDataAlert';

/** Aggregates change with every status change: refetch at most every 2 s. */
const SCOREBOARD_DEBOUNCE_MS = 2000;
const CLUSTER_POLL_MS = 30_000;

/** Renders a query's loading, error and stale-data states around `render`. */
function QueryView<T>(props: {
  query: LiveQueryState<T>;
  /** Another view of the same query shows the error in full. */
  errorShownElsewhere?: boolean;
  children: (value: T) => ReactNode;
}) {
  const { query, errorShownElsewhere, children } = props;
  if (query.loading) {
    return <Progress />;
  }
  if (query.value === undefined) {
    if (!query.error) {
      return null;
    }
    return errorShownElsewhere ? (
      <Typography variant="body2" color="text.secondary">
        Unavailable: the scoreboard could not be loaded (see above).
      </Typography>
    ) : (
      <ResponseErrorPanel error={query.error} />
    );
  }
  return (
    <>
      <StaleDataAlert error={query.error} />
      {children(query.value)}
    </>
  );
}

/**
 * The platform product scoreboard: provisioning time, adoption, template
 * success and toil eliminated over a 7, 30 or 90 day window, adoption and
 * figures per team, the provisioning time trend, and cluster health. Live.
 *
 * @public
 */
export function ScoreboardPage(props: { defaultWindowDays?: WindowDays }) {
  const [days, setDays] = useState<WindowDays>(props.defaultWindowDays ?? 30);
  const api = useApi(platformApiRef);
  const now = useNow(10_000);
  const scoreboard = useLiveQuery(
    () => api.getScoreboard(windowFor(days, Date.now())),
    [api, days],
    { debounceMs: SCOREBOARD_DEBOUNCE_MS },
  );
  const adoption = useLiveQuery(
    () => api.getAdoption(windowFor(days, Date.now())),
    [api, days],
    { debounceMs: SCOREBOARD_DEBOUNCE_MS },
  );
  const clusters = useLiveQuery(() => api.listClusters(), [api], {
    isRelevant: () => false,
    pollMs: CLUSTER_POLL_MS,
  });

  return (
    <Content>
      <Stack
        direction="row"
        justifyContent="space-between"
        alignItems="center"
        flexWrap="wrap"
        gap={2}
        sx={{ mb: 2 }}
      >
        <WindowPicker value={days} onChange={setDays} />
        <UpdatedAgo
          updatedAt={scoreboard.updatedAt}
          live={scoreboard.live}
          onRefresh={() => {
            scoreboard.refresh();
            adoption.refresh();
            clusters.refresh();
          }}
        />
      </Stack>
      <ScopeNotice />
      <Grid container spacing={3}>
        <Grid item xs={12} component="section" aria-label="Product figures">
          <QueryView query={scoreboard}>
            {value => <ScoreFigures scoreboard={value} days={days} />}
          </QueryView>
        </Grid>
        <Grid item xs={12} lg={6}>
          <InfoCard title="Adoption per team">
            <QueryView query={adoption}>
              {value => <AdoptionSection adoption={value} />}
            </QueryView>
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={6}>
          <InfoCard title="Provisioning time trend">
            <QueryView query={scoreboard} errorShownElsewhere>
              {value => <TrendSection scoreboard={value} />}
            </QueryView>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <QueryView query={scoreboard} errorShownElsewhere>
            {value => <TenantTable rows={tenantRows(value, adoption.value)} />}
          </QueryView>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Cluster health">
            <QueryView query={clusters}>
              {value => <ClusterHealthTable clusters={value.items} now={now} />}
            </QueryView>
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
}
