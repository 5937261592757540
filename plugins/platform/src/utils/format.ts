const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Placeholder shown for a figure that is not known. */
export const UNKNOWN = '—';

/**
 * A duration in milliseconds as a short human string: `850 ms`, `42 s`,
 * `4 min 12 s`, `3 h 5 min`, `2 d 4 h`.
 */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return UNKNOWN;
  }
  if (ms < SECOND) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < MINUTE) {
    const seconds = ms / SECOND;
    return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  }
  if (ms < HOUR) {
    const minutes = Math.floor(ms / MINUTE);
    const seconds = Math.round((ms % MINUTE) / SECOND);
    return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
  }
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.round((ms % HOUR) / MINUTE);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(ms / DAY);
  const hours = Math.round((ms % DAY) / HOUR);
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

/** A ratio (0..1) as a percentage; one decimal below 10 %. */
export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) {
    return UNKNOWN;
  }
  const percent = ratio * 100;
  const digits = Math.abs(percent) < 10 && percent !== 0 ? 1 : 0;
  return `${percent.toFixed(digits)}%`;
}

/** A count or amount with thousands separators and at most one decimal. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) {
    return UNKNOWN;
  }
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(
    value,
  );
}

/** Time elapsed since `iso`, coarse: `12 s`, `5 min`, `3 h`, `4 d`. */
export function formatAge(iso: string | undefined, now: number): string {
  if (!iso) {
    return UNKNOWN;
  }
  const then = Date.parse(iso);
  if (Number.isNaN(then)) {
    return UNKNOWN;
  }
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) {
    return `${Math.floor(elapsed / SECOND)} s`;
  }
  if (elapsed < HOUR) {
    return `${Math.floor(elapsed / MINUTE)} min`;
  }
  if (elapsed < DAY) {
    return `${Math.floor(elapsed / HOUR)} h`;
  }
  return `${Math.floor(elapsed / DAY)} d`;
}

/** A UTC day as `Mar 4`, for chart axes and tables. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** A timestamp as `Mar 4, 14:05 UTC`. */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) {
    return UNKNOWN;
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return `${new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(date)} UTC`;
}
