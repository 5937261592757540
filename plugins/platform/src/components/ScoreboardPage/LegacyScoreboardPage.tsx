import { Header, Page } from '@backstage/core-components';
import { WindowDays } from '../../utils/window';
import { ScoreboardPage } from './ScoreboardPage';

/**
 * The scoreboard with its own page header, for apps on the legacy frontend
 * system (the new system's page layout draws the header itself).
 */
export function LegacyScoreboardPage(props: {
  defaultWindowDays?: WindowDays;
}) {
  return (
    <Page themeId="tool">
      <Header
        title="Platform scoreboard"
        subtitle="Provisioning time, adoption, template success and toil eliminated"
      />
      <ScoreboardPage {...props} />
    </Page>
  );
}
