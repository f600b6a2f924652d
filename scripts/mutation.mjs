/**
 * `npm run test:mutation [-- FOLDER… [--force]]`: StrykerJS over the core folders,
 * one configuration each (`stryker/FOLDER.config.mjs`), one after the other.
 *
 * Incremental by default: each folder reads and rewrites its committed
 * `stryker/incremental/FOLDER.json`, so a rerun tests only the mutants whose code
 * or covering tests changed. `--force` tests every mutant again (and still
 * rewrites the file). Exits non-zero when a folder's score is under its `break`
 * threshold or Stryker fails; prints each folder's wall time and the load.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

const all = ['domain', 'policy', 'secret', 'operations', 'lifecycle'];
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const asked = args.filter((a) => !a.startsWith('--'));
const unknown = asked.filter((a) => !all.includes(a));
if (unknown.length > 0) {
  console.error(`unknown folder(s): ${unknown.join(', ')}; choose from ${all.join(', ')}`);
  process.exit(2);
}
const chosen = asked.length > 0 ? asked : all;
const rows = [];
let failed = false;
for (const folder of chosen) {
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', `stryker/${folder}.config.mjs`, ...flags], {
    stdio: 'inherit',
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  failed ||= run.status !== 0;
  rows.push({
    folder,
    status: run.status,
    seconds,
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  });
}
console.log('\nfolder       exit  wall time  load (1, 5, 15 min)');
for (const r of rows) {
  console.log(
    `${r.folder.padEnd(12)} ${String(r.status).padStart(4)}  ${`${r.seconds} s`.padStart(9)}  ${r.load}`,
  );
}
const total = rows.reduce((s, r) => s + r.seconds, 0);
console.log(`total${' '.repeat(13)}${`${total} s`.padStart(9)}`);
process.exit(failed ? 1 : 0);
