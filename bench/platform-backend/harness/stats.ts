/** Nearest-rank percentile of a sample (p in 0..1). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

export const median = (values: number[]) => percentile(values, 0.5);

export function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

/** Prints a verdict line and sets the exit code on failure. */
export function verdict(name: string, ok: boolean, detail: string): void {
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}\n`);
  if (!ok) process.exitCode = 1;
}

export function line(text = ''): void {
  process.stdout.write(`${text}\n`);
}
