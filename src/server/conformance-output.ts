/**
 * What `conformance` prints: progress on standard error (one line rewritten
 * in place on a terminal, plain lines otherwise, nothing with `--quiet`),
 * and the report on standard output — the summary, the replayed failures,
 * the coverage, and a divergence with its steps (a parallel one with its
 * branches and their answers), its replay script and how to replay it.
 *
 * @packageDocumentation
 */
import type { ConformanceReport, CounterexampleStep, RunProgress } from '../testing/report.js';
import { type CliIo, shellQuote } from './cli-command.js';

/** Moves the cursor up one line and clears it: the progress line is written again. */
const rewrite = '\u001b[1A\u001b[2K';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * The progress of a run on standard error. On a terminal one line is
 * rewritten in place (at most every 100 ms): runs done, commands sent,
 * transition coverage so far and time elapsed; otherwise the same line at
 * every 5 % of the runs; with `quiet`, nothing.
 *
 * @example
 * import { ProgressDisplay } from 'credential-lifecycle/server';
 * const lines: string[] = [];
 * const progress = new ProgressDisplay(
 *   { out: () => {}, err: (l) => lines.push(l), env: {}, stopped: () => new Promise(() => {}) },
 *   { quiet: false, now: () => 0 },
 * );
 * progress.runs(1, 1, { commands: 12, transitionCoverage: () => ({ covered: 3, reachable: 4, percent: 75 }) });
 * lines; // ['conformance: 1/1 runs, 12 commands, 75 % of transitions, 0.0 s']
 */
export class ProgressDisplay {
  readonly #io: CliIo;
  readonly #quiet: boolean;
  readonly #now: () => number;
  readonly #start: number;
  #live = false;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #shownRuns = 0;
  #runs = 0;
  #total = 0;

  /**
   * A display over the command line's output; `now` reads the clock (ms).
   *
   * @example
   * import { ProgressDisplay, type CliIo } from 'credential-lifecycle/server';
   * const lines: string[] = [];
   * const io: CliIo = { out: () => {}, err: (line) => lines.push(line), env: {}, stopped: () => new Promise(() => {}) };
   * new ProgressDisplay(io, { quiet: true, now: () => 0 }).shrink(1);
   * lines; // []
   * new ProgressDisplay(io, { quiet: false, now: () => 0 }).shrink(1);
   * lines; // ['conformance: shrinking… step 1, 0.0 s']
   */
  constructor(io: CliIo, options: { readonly quiet: boolean; readonly now: () => number }) {
    this.#io = io;
    this.#quiet = options.quiet;
    this.#now = options.now;
    this.#start = options.now();
  }

  #elapsed(): string {
    return seconds(this.#now() - this.#start);
  }

  #draw(line: string, force: boolean): void {
    if (this.#quiet) return;
    if (this.#io.isTty === true) {
      const now = this.#now();
      if (!force && now - this.#lastDraw < 100) return;
      this.#lastDraw = now;
      this.#io.err(`${this.#live ? rewrite : ''}${line}`);
      this.#live = true;
    } else {
      this.#io.err(line);
    }
  }

  /**
   * After each generated run.
   *
   * @example
   * import { ProgressDisplay } from 'credential-lifecycle/server';
   * const lines: string[] = [];
   * let clock = 0;
   * const p = new ProgressDisplay(
   *   { out: () => {}, err: (line) => lines.push(line), env: {}, stopped: () => new Promise(() => {}) },
   *   { quiet: false, now: () => clock },
   * );
   * clock = 2_500;
   * p.runs(10, 10, { commands: 50, transitionCoverage: () => ({ covered: 9, reachable: 12, percent: 75 }) });
   * lines; // ['conformance: 10/10 runs, 50 commands, 75 % of transitions, 2.5 s']
   */
  runs(done: number, total: number, progress: RunProgress): void {
    this.#runs = done;
    this.#total = total;
    const every = Math.max(1, Math.floor(total / 20));
    const due = this.#io.isTty === true || done % every === 0 || done === total;
    if (!due || done === this.#shownRuns) return;
    if (this.#io.isTty !== true) this.#shownRuns = done;
    const coverage = progress.transitionCoverage();
    this.#draw(
      `conformance: ${done}/${total} runs, ${progress.commands} commands, ${coverage.percent} % of transitions, ${this.#elapsed()}`,
      done === total,
    );
  }

  /**
   * After each shrink step (the first one also shows where generation stopped).
   *
   * @example
   * import { ProgressDisplay } from 'credential-lifecycle/server';
   * const lines: string[] = [];
   * const p = new ProgressDisplay(
   *   { out: () => {}, err: (line) => lines.push(line), env: {}, stopped: () => new Promise(() => {}) },
   *   { quiet: false, now: () => 0 },
   * );
   * p.shrink(1);
   * p.shrink(2); // (not shown: only steps 1, 10, 20, … are, when not on a terminal)
   * lines; // ['conformance: shrinking… step 1, 0.0 s']
   */
  shrink(step: number): void {
    if (step === 1 && this.#io.isTty !== true && this.#runs !== this.#shownRuns) {
      this.#draw(`conformance: ${this.#runs}/${this.#total} runs`, true);
    }
    if (this.#io.isTty === true || step === 1 || step % 10 === 0) {
      this.#draw(`conformance: shrinking… step ${step}, ${this.#elapsed()}`, step === 1);
    }
  }
}

const short = (body: unknown): string => {
  const text = body === undefined ? '' : (JSON.stringify(body) ?? '');
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
};

const answerLine = (s: CounterexampleStep): string =>
  s.actual === undefined ? '' : ` → ${s.actual.status} ${short(s.actual.body)}`;

/**
 * The lines a conformance report prints: the summary, the replayed saved
 * failures; for a divergence the error, the shrunk steps (a parallel run's
 * prefix, its branches with their answers and the read-back), the replay
 * script and how to replay it; then the coverage lines.
 *
 * @example
 * import { reportLines } from 'credential-lifecycle/server';
 * reportLines({ runs: 10, commands: 200, failures: 0, seed: 1 }, [], []);
 * // ['conformance: 10 runs, 200 commands, 0 failures (seed 1)']
 */
export const reportLines = (
  report: ConformanceReport,
  replayArgs: readonly string[],
  coverage: readonly string[],
): string[] => {
  const notProven = report.notProven ?? 0;
  const summary = `conformance: ${report.runs} ${report.parallel === true ? 'parallel runs' : 'runs'}, ${report.commands} commands, ${report.failures} failures${notProven > 0 ? `, ${notProven} not proven` : ''} (seed ${report.seed})`;
  const lines = [summary];
  for (const r of report.replayed ?? []) {
    lines.push(
      `saved failure ${r.id}: ${r.outcome}${r.deleted ? ' (deleted)' : ''}${r.outcome === 'fixed' ? '' : ` — ${r.error.split('\n')[0]}`}`,
    );
  }
  if (notProven > 0) {
    lines.push(
      `${notProven} parallel runs reached the search bound: their histories are neither explained nor refuted (not proven, not a pass)`,
    );
  }
  const c = report.counterexample;
  if (c === undefined) return [...lines, ...coverage];
  lines.push('', 'Divergence from the oracle:', ...c.error.split('\n').map((l) => `  ${l}`), '');
  if (c.branches === undefined) {
    lines.push(
      `Shrunk failing sequence (${c.steps.length} steps):`,
      ...c.steps.map((s, i) => `  ${i + 1}. ${s}`),
    );
  } else {
    lines.push(
      `Sequential prefix (${c.steps.length} steps):`,
      ...(c.sent ?? []).map((s, i) => `  ${i + 1}. ${s.description}${answerLine(s)}`),
      'Branches, sent concurrently:',
      ...c.branches.flatMap((branch, b) =>
        branch.map((s, i) => `  ${b + 1}.${i + 1} ${s.description}${answerLine(s)}`),
      ),
      'Read back after the branches:',
      ...(c.after ?? []).map((s, i) => `  ${i + 1}. ${s.description}${answerLine(s)}`),
    );
  }
  lines.push(
    '',
    'As a shell script (sh; BASE=URL to aim it elsewhere):',
    ...c.curl.map((l) => `  ${l}`),
    '',
    'Replay with:',
    `  credential-lifecycle conformance ${[...replayArgs, '--seed', String(c.seed), '--path', c.path].map((a) => (/^[\w./:=-]+$/.test(a) ? a : shellQuote(a))).join(' ')}`,
  );
  return coverage.length === 0 ? lines : [...lines, '', ...coverage];
};
