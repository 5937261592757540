#!/usr/bin/env node
// Runs the emulator from its TypeScript sources (no build step needed).
require('@backstage/cli/config/nodeTransform.cjs');
require('../src/cli.ts');
