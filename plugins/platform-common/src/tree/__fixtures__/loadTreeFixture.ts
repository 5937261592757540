import { readFileSync } from 'fs';
import { join } from 'path';
import type { JsonObject } from '../../api/types';

/** Reads the `items` of one `List` fixture of this folder (tests only). */
export function loadTreeFixture(name: string): JsonObject[] {
  const list = JSON.parse(
    readFileSync(join(__dirname, `${name}.json`), 'utf8'),
  );
  return list.items;
}
