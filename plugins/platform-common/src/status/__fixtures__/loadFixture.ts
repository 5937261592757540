import { readFileSync } from 'fs';
import { join } from 'path';
import type { JsonObject } from '../../api/types';

/** Reads one JSON fixture of this folder (tests only). */
export function loadStatusFixture(name: string): JsonObject {
  return JSON.parse(readFileSync(join(__dirname, `${name}.json`), 'utf8'));
}
