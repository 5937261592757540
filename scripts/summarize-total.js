// Prints the total over jest and Playwright; every failed step (type check,
// lint, build, a runner that did not finish) counts as one more failure:
// node scripts/summarize-total.js <jest.json> <playwright.json> <failed-steps>
const fs = require('node:fs');

const [jestFile, e2eFile, failedSteps = '0'] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedSteps);
if (fs.existsSync(jestFile)) {
  const r = JSON.parse(fs.readFileSync(jestFile, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
} else {
  failed += 1;
}
if (fs.existsSync(e2eFile)) {
  const { stats } = JSON.parse(fs.readFileSync(e2eFile, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
} else {
  failed += 1;
}
console.log(`total: ${passed} passed, ${failed} failed`);
