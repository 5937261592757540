import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The closest ancestor of `from` whose package.json declares workspaces. */
export function findRepoRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as {
          workspaces?: unknown;
        };
        if (json.workspaces) return dir;
      } catch {
        // An unreadable package.json is not a workspace root; keep looking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `<repo>/.data/emulator`, or `./.data/emulator` outside a repository. */
export function defaultStateDir(from: string = process.cwd()): string {
  return join(findRepoRoot(from) ?? resolve(from), '.data', 'emulator');
}
