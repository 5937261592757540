import {
  appendFileSync,
  existsSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { PlannedOutcome } from './timing';

/** Outcome of an attempt as the simulator knows it. */
export type GroundTruthOutcome =
  | 'in-progress'
  | 'ready'
  | 'failed'
  | 'superseded'
  | 'deleted';

/**
 * One provisioning attempt: one claim at one generation, as the simulated
 * operator decided and performed it. Times are ISO 8601 UTC.
 */
export interface GroundTruthRecord {
  cluster: string;
  namespace: string;
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  generation: number;
  tenant?: string;
  component?: string;
  createdViaPortal: boolean;
  startedAt: string;
  readyAt?: string;
  failedAt?: string;
  failureReason?: string;
  failureMessage?: string;
  supersededAt?: string;
  deletedAt?: string;
  outcome: GroundTruthOutcome;
  /** What the operator planned: `stuck` attempts never become Ready. */
  planned: PlannedOutcome;
  /** Planned delay from start to Ready (or failure). */
  plannedDelayMs: number;
  /** True for attempts of the seeded history. */
  seeded: boolean;
}

function keyOf(
  r: Pick<GroundTruthRecord, 'cluster' | 'uid' | 'generation'>,
): string {
  return `${r.cluster}/${r.uid}/${r.generation}`;
}

/**
 * The ground-truth log: `ground-truth.jsonl`, one JSON record per line. An
 * attempt is written when it starts and again whenever it changes; the last
 * line per (cluster, uid, generation) is its current state.
 */
export class GroundTruthLog {
  private readonly records = new Map<string, GroundTruthRecord>();
  private readonly latestByObject = new Map<string, GroundTruthRecord>();
  private pending: string[] = [];
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly file: string | undefined) {}

  /** Reads an existing log (a restart with persisted state). */
  load(): void {
    if (!this.file || !existsSync(this.file)) return;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        this.remember(JSON.parse(line) as GroundTruthRecord);
      } catch {
        // A torn last line (crash mid-write) is skipped; earlier lines stand.
      }
    }
  }

  /** Starts a new, empty log file. */
  reset(): void {
    this.records.clear();
    this.latestByObject.clear();
    this.pending = [];
    if (this.file) writeFileSync(this.file, '');
  }

  /** Writes the current state of an attempt. */
  write(record: GroundTruthRecord): void {
    this.remember(record);
    if (!this.file) return;
    this.pending.push(JSON.stringify(record));
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), 50);
    }
  }

  private remember(record: GroundTruthRecord): void {
    this.records.set(keyOf(record), record);
    const objectKey = `${record.cluster}/${record.uid}`;
    const latest = this.latestByObject.get(objectKey);
    if (!latest || latest.generation <= record.generation)
      this.latestByObject.set(objectKey, record);
  }

  get(
    cluster: string,
    uid: string,
    generation: number,
  ): GroundTruthRecord | undefined {
    return this.records.get(keyOf({ cluster, uid, generation }));
  }

  /** The latest attempt of an object, or undefined. */
  latest(cluster: string, uid: string): GroundTruthRecord | undefined {
    return this.latestByObject.get(`${cluster}/${uid}`);
  }

  /** Every attempt (current state), oldest start first. */
  all(cluster?: string): GroundTruthRecord[] {
    return [...this.records.values()]
      .filter(r => cluster === undefined || r.cluster === cluster)
      .sort(
        (a, b) =>
          a.startedAt.localeCompare(b.startedAt) ||
          a.uid.localeCompare(b.uid) ||
          a.generation - b.generation,
      );
  }

  /** Appends pending lines to the file. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.file || this.pending.length === 0) return;
    const lines = `${this.pending.join('\n')}\n`;
    this.pending = [];
    appendFileSync(this.file, lines);
  }
}
