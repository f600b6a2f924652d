// The costly hash schemes against the library calls they wrap, by the rounds
// method: in each round the raw call, hashSecret and verifySecret take turns
// (the order rotates from round to round), each measured in CPU time of this
// process (process.cpuUsage), which a loaded machine inflates far less than
// wall time. Prints, per scheme and setting, the median CPU time per
// operation and the median of the per-round ratios library / raw.
//
//   npm run build && node bench/secret-rounds.mjs
//
// BENCH_ROUNDS (default 7) sets the rounds; BENCH_ONLY=cheap or =default one
// group. Record figures in docs/performance.md under "## Secrets".
import { argon2id } from '@noble/hashes/argon2.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hashSync } from 'bcryptjs';
import { defaultHashParameters, hashSecret, utf8Bytes, verifySecret } from '../dist/index.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const only = process.env.BENCH_ONLY;
const password = 'correct horse battery staple';
const bytes = utf8Bytes(password);
const salt = new Uint8Array(16).map((_, i) => i * 17);

/** The three contenders of one scheme and setting. */
const contenders = (algorithm, parameters, raw) => {
  const options = { algorithm, salt, parameters };
  const stored = hashSecret(password, options);
  if (verifySecret(password, stored).right !== true) throw new Error(`${algorithm}: no round trip`);
  return [
    ['raw', raw(stored)],
    ['hashSecret', () => hashSecret(password, options)],
    ['verifySecret', () => verifySecret(password, stored)],
  ];
};

const bcrypt = (cost) =>
  contenders(
    'bcrypt',
    { bcrypt: { cost } },
    (stored) => () => hashSync(password, stored.slice(0, 29)),
  );

const pbkdf2Of = (iterations) => {
  const p = { ...defaultHashParameters.pbkdf2, iterations };
  return contenders(
    'PBKDF2',
    { pbkdf2: p },
    () => () => pbkdf2(sha256, bytes, salt, { c: p.iterations, dkLen: p.keyLength }),
  );
};

const argon2Of = (memory, iterations) => {
  const p = { ...defaultHashParameters.argon2id, memory, iterations };
  return contenders(
    'ARGON2ID',
    { argon2id: p },
    () => () =>
      argon2id(bytes, salt, {
        m: p.memory,
        t: p.iterations,
        p: p.parallelism,
        dkLen: p.hashLength,
      }),
  );
};

const d = defaultHashParameters;
const groups = [
  ['cheap', 'bcrypt cost 4', () => bcrypt(4), 40],
  ['cheap', 'PBKDF2-SHA-256 1,000 iterations', () => pbkdf2Of(1_000), 40],
  ['cheap', 'Argon2id m=64 KiB t=1 p=1', () => argon2Of(64, 1), 40],
  ['default', `bcrypt cost ${d.bcrypt.cost}`, () => bcrypt(d.bcrypt.cost), 1],
  [
    'default',
    `PBKDF2-SHA-256 ${d.pbkdf2.iterations} iterations`,
    () => pbkdf2Of(d.pbkdf2.iterations),
    1,
  ],
  [
    'default',
    `Argon2id m=${d.argon2id.memory} KiB t=${d.argon2id.iterations} p=${d.argon2id.parallelism}`,
    () => argon2Of(d.argon2id.memory, d.argon2id.iterations),
    1,
  ],
];

/** CPU microseconds per call of `f`, over `n` calls. */
const cpuPerOp = (f, n) => {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const fmt = (us) =>
  us >= 10_000 ? `${(us / 1000).toFixed(0)} ms` : `${(us / 1000).toFixed(2)} ms`;

console.log(`node ${process.version}, ${rounds} rounds, CPU time per operation (median of rounds)`);
for (const [group, label, make, n] of groups) {
  if (only !== undefined && only !== group) continue;
  const entries = make();
  for (const [, f] of entries) f(); // warm up
  const times = new Map(entries.map(([name]) => [name, []]));
  const ratios = { hashSecret: [], verifySecret: [] };
  for (let r = 0; r < rounds; r++) {
    const order = entries.map((_, i) => entries[(i + r) % entries.length]);
    const round = {};
    for (const [name, f] of order) round[name] = cpuPerOp(f, n);
    for (const [name] of entries) times.get(name).push(round[name]);
    ratios.hashSecret.push(round.hashSecret / round.raw);
    ratios.verifySecret.push(round.verifySecret / round.raw);
  }
  const [raw, hash, verify] = entries.map(([name]) => fmt(median(times.get(name))));
  const rh = median(ratios.hashSecret).toFixed(3);
  const rv = median(ratios.verifySecret).toFixed(3);
  const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  console.log(
    `${group.padEnd(8)}${label.padEnd(36)} raw ${raw.padStart(9)} | hashSecret ${hash.padStart(9)} ×${rh} (${spread(ratios.hashSecret)}) | verifySecret ${verify.padStart(9)} ×${rv} (${spread(ratios.verifySecret)})`,
  );
}
