// Prints the Playwright summary of a JSON report: node scripts/summarize-playwright.js <results.json>
const fs = require('node:fs');

const [file] = process.argv.slice(2);
if (!fs.existsSync(file)) {
  console.log('e2e: 0 passed, 1 failed (no report: Playwright did not run)');
  process.exit(0);
}
const { stats } = JSON.parse(fs.readFileSync(file, 'utf8'));
const passed = stats.expected + stats.flaky;
const failed = stats.unexpected;
console.log(
  `e2e: ${passed} passed, ${failed} failed` +
    (stats.skipped ? `, ${stats.skipped} skipped` : '') +
    (stats.flaky ? ` (${stats.flaky} passed on retry)` : ''),
);
