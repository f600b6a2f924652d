/**
 * `node scripts/mutation-summary.mjs`: one Markdown row per folder report in
 * `reports/mutation/FOLDER.json` (written by `npm run test:mutation`), with the
 * figures `docs/mutation-testing.md` records.
 */
import { existsSync, readFileSync } from 'node:fs';

const folders = ['domain', 'policy', 'secret', 'operations', 'lifecycle'];
console.log(
  '| Folder | Mutants | Killed | Survived | Timed out | No coverage | Not compiling | Ignored (static, disabled) | Score | Score (covered) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const folder of folders) {
  const file = `reports/mutation/${folder}.json`;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const count = {};
  for (const { mutants } of Object.values(report.files)) {
    for (const { status } of mutants) count[status] = (count[status] ?? 0) + 1;
  }
  const n = (s) => count[s] ?? 0;
  const total = Object.values(count).reduce((a, b) => a + b, 0);
  const detected = n('Killed') + n('Timeout');
  const valid = detected + n('Survived') + n('NoCoverage');
  const covered = detected + n('Survived');
  const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)} %`);
  console.log(
    `| ${folder} | ${total} | ${n('Killed')} | ${n('Survived')} | ${n('Timeout')} | ${n('NoCoverage')} | ${n('CompileError')} | ${n('Ignored')} | ${pct(detected, valid)} | ${pct(detected, covered)} |`,
  );
}
