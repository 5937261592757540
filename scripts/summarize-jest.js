// Prints the jest summary of a --json result file, with the database tests
// counted per engine: node scripts/summarize-jest.js <results.json> <pg-id>
const fs = require('node:fs');

const [file, pgId = 'POSTGRES'] = process.argv.slice(2);
if (!fs.existsSync(file)) {
  console.log('jest: 0 passed, 1 failed (no result file: jest did not run)');
  process.exit(0);
}
const results = JSON.parse(fs.readFileSync(file, 'utf8'));
const assertions = results.testResults.flatMap(r => r.assertionResults);
const count = (list, status) => list.filter(a => a.status === status).length;
const line = (label, list) =>
  `${label}: ${count(list, 'passed')} passed, ${count(list, 'failed')} failed` +
  (count(list, 'pending') + count(list, 'todo')
    ? `, ${count(list, 'pending') + count(list, 'todo')} skipped`
    : '');

const suitesFailed = results.testResults.filter(
  r => r.status === 'failed' && r.assertionResults.length === 0,
);
console.log(line('jest', assertions));
console.log(
  line('database-sqlite', assertions.filter(a => /SQLITE_3/.test(a.fullName))),
);
console.log(
  line(
    'database-postgres',
    assertions.filter(a => a.fullName.includes(pgId)),
  ),
);
console.log(
  `jest-suites: ${results.numPassedTestSuites} passed, ${results.numFailedTestSuites} failed`,
);
for (const suite of suitesFailed) {
  console.log(`  suite failed to run: ${suite.name}`);
}
