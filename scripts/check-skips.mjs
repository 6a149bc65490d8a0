// Runs after vitest (`posttest`): a skipped or todo test must not pass unnoticed.
// In CI (CI set, and not "0" or "false") any such test fails the run, each one named with its
// reason; locally each group of skipped tests prints one notice and the run stays green.
// The reason is the test's `meta.skip` ({why, what, fix}), written by test/helpers/skip.ts.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const file = process.argv[2] ?? 'test-output/vitest.json';
const ci = Boolean(process.env.CI) && !['0', 'false'].includes(process.env.CI.toLowerCase());

if (!existsSync(file)) {
  console.error(`check-skips: ${file} not found; run vitest first.`);
  process.exit(1);
}
const results = JSON.parse(readFileSync(file, 'utf8'));

/** Every test that did not run: its file, name, status and reason. */
const notRun = (results.testResults ?? []).flatMap((f) =>
  (f.assertionResults ?? [])
    .filter((t) => t.status !== 'passed' && t.status !== 'failed')
    .map((t) => ({
      file: relative(process.cwd(), f.name),
      name: t.fullName,
      todo: t.status === 'todo',
      reason: t.meta?.skip ?? null,
    })),
);

if (notRun.length === 0) process.exit(0);

/** One line saying why, and what to do about it. */
function why(t) {
  if (t.todo) return 'left todo';
  if (!t.reason) return 'skipped, no reason given';
  return `${t.reason.why} (${t.reason.fix})`;
}

if (ci) {
  console.error(`${notRun.length} test(s) did not run, and CI=true does not allow that:`);
  for (const t of notRun) console.error(`  ${t.file} > ${t.name}: ${why(t)}`);
  process.exit(1);
}

// Locally: one notice per reason (tests without one are grouped by file).
const groups = new Map();
for (const t of notRun) {
  const key = t.todo ? `todo ${t.file}` : t.reason ? JSON.stringify(t.reason) : `none ${t.file}`;
  const g = groups.get(key) ?? { sample: t, count: 0 };
  g.count += 1;
  groups.set(key, g);
}
for (const { sample: t, count } of groups.values()) {
  if (t.todo) console.warn(`Notice: ${count} test(s) left todo in ${t.file}.`);
  else if (!t.reason)
    console.warn(`Notice: ${count} test(s) skipped in ${t.file}, no reason given.`);
  else console.warn(`Notice: ${t.reason.why}: ${count} ${t.reason.what} skipped; ${t.reason.fix}.`);
}
