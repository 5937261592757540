import type { Knex } from 'knex';
import { ATTEMPTS_TABLE } from '../../history/AttemptStore';
import { AttemptCountStore } from '../../history/AttemptCountStore';
import { ResourceCountStore } from '../../history/ResourceCountStore';
import { RESOURCES_TABLE } from '../../history/ResourceStore';
import { TEMPLATE_RUNS_TABLE } from '../../history/TemplateRunStore';

const DAY = 86_400_000;

/** A small deterministic random generator (tests must not flake). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface FixtureAttempt {
  cluster: string;
  uid: string;
  generation: number;
  kind: string;
  name: string;
  tenant: string | null;
  created_via_portal: boolean;
  started_at: number;
  ready_at: number | null;
  duration_ms: number | null;
  failed_at: number | null;
  stuck_at: number | null;
  superseded_at: number | null;
  deleted_at: number | null;
  estimated: boolean;
  recorded_at: number;
}

export interface FixtureResource {
  cluster: string;
  uid: string;
  kind: string;
  name: string;
  tenant: string | null;
  generation: number;
  created_at: number;
  deleted_at: number | null;
  created_via_portal: boolean;
  first_seen_at: number;
  updated_at: number;
}

export interface FixtureRun {
  task_id: string;
  template_ref: string;
  tenant: string;
  kind: string;
  outcome: 'succeeded' | 'failed';
  started_at: number;
  finished_at: number;
  recorded_at: number;
}

export interface HistoryFixture {
  attempts: FixtureAttempt[];
  resources: FixtureResource[];
  runs: FixtureRun[];
}

function failedAt(roll: number, started: number, duration: number) {
  if (roll >= 0.6 && roll < 0.75) return started + duration;
  if (roll >= 0.9 && roll < 0.93) return started + 10; // failed, then Ready
  return null;
}

/** Random raw records around `[start, start + days)`. */
export function historyFixture(options: {
  seed: number;
  start: number;
  days: number;
  attempts: number;
  resources: number;
  tenants: string[];
  kinds: string[];
}): HistoryFixture {
  const random = seededRandom(options.seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const time = () => options.start + Math.floor(random() * options.days * DAY);
  const attempts: FixtureAttempt[] = [];
  for (let i = 0; i < options.attempts; i++) {
    const started = time();
    const roll = random();
    const duration = 1_000 + Math.floor(random() * 900_000);
    const ready = roll < 0.6 || (roll >= 0.9 && roll < 0.93);
    attempts.push({
      cluster: pick(['dev', 'prod-eu']),
      uid: `a-${i}`,
      generation: 1,
      kind: pick(options.kinds),
      name: `r-${i}`,
      tenant: random() < 0.05 ? null : pick(options.tenants),
      created_via_portal: random() < 0.7,
      started_at: started,
      ready_at: ready ? started + duration : null,
      duration_ms: ready ? duration : null,
      failed_at: failedAt(roll, started, duration),
      stuck_at: roll >= 0.75 && roll < 0.85 ? started + 600_000 : null,
      superseded_at: roll >= 0.85 && roll < 0.87 ? started + 5 : null,
      deleted_at: roll >= 0.87 && roll < 0.9 ? started + 7 : null,
      estimated: random() < 0.1,
      recorded_at: started,
    });
  }
  const resources: FixtureResource[] = [];
  for (let i = 0; i < options.resources; i++) {
    const created = time() - 5 * DAY;
    const deleted =
      random() < 0.3 ? created + Math.floor(random() * 10 * DAY) : null;
    resources.push({
      cluster: 'dev',
      uid: `r-${i}`,
      kind: pick(options.kinds),
      name: `r-${i}`,
      tenant: random() < 0.05 ? null : pick(options.tenants),
      generation: 1,
      created_at: created,
      deleted_at: deleted,
      created_via_portal: random() < 0.6,
      first_seen_at: created,
      updated_at: created,
    });
  }
  const runs: FixtureRun[] = [];
  for (let i = 0; i < Math.ceil(options.attempts / 4); i++) {
    const started = time();
    runs.push({
      task_id: `task-${i}`,
      template_ref: 'template:default/postgresql-instance',
      tenant: pick(options.tenants),
      kind: pick(options.kinds),
      outcome: random() < 0.8 ? 'succeeded' : 'failed',
      started_at: started,
      finished_at: started + 30_000,
      recorded_at: started + 30_000,
    });
  }
  return { attempts, resources, runs };
}

export async function insertFixture(db: Knex, fixture: HistoryFixture) {
  await db.batchInsert(ATTEMPTS_TABLE, fixture.attempts, 200);
  await db.batchInsert(RESOURCES_TABLE, fixture.resources, 200);
  await db.batchInsert(TEMPLATE_RUNS_TABLE, fixture.runs, 200);
  await new ResourceCountStore(db).rebuild();
  await new AttemptCountStore(db).rebuild();
}
