export { ChartFigure } from './ChartFigure';
export type { ChartData } from './ChartFigure';
export { LineChart } from './LineChart';
export type { LineSeries } from './LineChart';
export { Sparkline } from './Sparkline';
export { StackedBarChart } from './StackedBarChart';
export type { StackedBar } from './StackedBarChart';
