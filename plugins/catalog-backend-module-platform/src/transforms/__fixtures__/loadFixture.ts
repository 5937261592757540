import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  PlatformKind,
  PlatformResource,
} from '@fractal/backstage-plugin-platform-common';

function load<T>(file: string): T {
  return JSON.parse(readFileSync(join(__dirname, `${file}.json`), 'utf8'));
}

export const loadResource = (name: string) => load<PlatformResource>(name);
export const loadKind = (name: string) => load<PlatformKind>(name);
