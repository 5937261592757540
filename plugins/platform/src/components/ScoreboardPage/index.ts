export { ScoreboardPage } from './ScoreboardPage';
export { LegacyScoreboardPage } from './LegacyScoreboardPage';
