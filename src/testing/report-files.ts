/**
 * A conformance report for people and machines: the coverage as text
 * lines, the versioned JSON of `--report`, and JUnit XML for CI systems.
 * Pure functions of the report; no fast-check.
 *
 * @packageDocumentation
 */
import { credentialKinds } from '../index.js';
import type { ConformanceReport, ModelCoverage, TransitionName } from './report.js';

/**
 * The version of the JSON {@link coverageReportJson} writes. A reader should
 * refuse versions it does not know.
 *
 * @example
 * import { reportFormatVersion } from 'credential-lifecycle/testing';
 * reportFormatVersion; // 1
 */
export const reportFormatVersion = 1;

/** A transition by name: `from --event [guard]--> to (id)`. */
const named = (t: TransitionName): string =>
  `${t.from} --${t.event}${t.guard === '' ? '' : ` [${t.guard}]`}--> ${t.to} (${t.id})`;

const counts = (c: Readonly<Record<string, number>>): string =>
  Object.entries(c)
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ') || 'none';

/** How many uncovered transitions the text lists by name. */
const maxListed = 40;

/**
 * The coverage as text: the transition coverage in all and per kind, the
 * transitions never taken by name (the first 40), the states visited, login status codes,
 * error codes and operations × status classes.
 *
 * @example
 * import { CoverageRecorder, coverageSummary } from 'credential-lifecycle/testing';
 * coverageSummary(new CoverageRecorder().result())[0];
 * // 'coverage: 0 of 0 transitions reachable under the runs' policies (100 %) …'
 */
export const coverageSummary = (coverage: ModelCoverage): string[] => {
  const t = coverage.transitions;
  const machineOnly = credentialKinds.reduce((n, k) => n + coverage.kinds[k].machineOnly.length, 0);
  const width = Math.max(...credentialKinds.map((k) => k.length));
  const lines = [
    `coverage: ${t.covered} of ${t.reachable} transitions reachable under the runs' policies (${t.percent} %) — ${machineOnly} more reachable in the machine that no REST operation drives`,
  ];
  for (const kind of credentialKinds) {
    const k = coverage.kinds[kind];
    const visited = Object.entries(k.states)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ');
    lines.push(
      `  ${kind.padEnd(width)}  ${k.covered}/${k.reachable} transitions; states visited: ${visited || 'none'}`,
    );
  }
  const uncovered = credentialKinds.flatMap((kind) =>
    coverage.kinds[kind].uncovered.map((u) => `    ${kind}: ${named(u)}`),
  );
  if (uncovered.length > 0) {
    lines.push(`  not covered (${uncovered.length}):`, ...uncovered.slice(0, maxListed));
    if (uncovered.length > maxListed) {
      lines.push(`    … and ${uncovered.length - maxListed} more (all of them in --report)`);
    }
  }
  lines.push(
    `  login status codes: ${counts(coverage.loginStatusCodes)}`,
    `  error codes: ${counts(coverage.errorCodes)}`,
    `  operations × status: ${
      Object.entries(coverage.operations)
        .map(([op, c]) => `${op} ${counts(c)}`)
        .join('; ') || 'none'
    }`,
  );
  if (coverage.unattributed.count > 0) {
    lines.push(
      `  unattributed steps: ${coverage.unattributed.count} (${coverage.unattributed.examples.join('; ')})`,
    );
  }
  return lines;
};

/**
 * The versioned JSON of a run (`--report FILE.json`): `formatVersion`,
 * `seed`, `runs`, `commands`, `failures`, the transition coverage, per kind
 * the states and transitions with their counts, what is `uncovered` and
 * what only the machine reaches, the codes and operations seen, the
 * replayed failures and the counterexample (its error, steps and replay).
 *
 * @example
 * import { coverageReportJson } from 'credential-lifecycle/testing';
 * JSON.parse(coverageReportJson({ runs: 1, commands: 3, failures: 0, seed: 7 })).formatVersion; // 1
 */
export const coverageReportJson = (report: ConformanceReport): string => {
  const c = report.coverage;
  const json = {
    formatVersion: reportFormatVersion,
    seed: report.seed,
    runs: report.runs,
    commands: report.commands,
    failures: report.failures,
    parallel: report.parallel === true,
    ...(report.notProven === undefined ? {} : { notProven: report.notProven }),
    ...(c === undefined
      ? {}
      : {
          transitions: c.transitions,
          kinds: c.kinds,
          uncovered: credentialKinds.flatMap((kind) =>
            c.kinds[kind].uncovered.map((u) => ({ kind, ...u })),
          ),
          loginStatusCodes: c.loginStatusCodes,
          errorCodes: c.errorCodes,
          operations: c.operations,
          unattributed: c.unattributed,
        }),
    ...(report.replayed === undefined ? {} : { replayed: report.replayed }),
    ...(report.counterexample === undefined
      ? {}
      : {
          counterexample: {
            error: report.counterexample.error,
            seed: report.counterexample.seed,
            path: report.counterexample.path,
            steps: report.counterexample.steps,
          },
        }),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
};

/** Whether XML 1.0 can carry a character at all (tab, newline and return among the controls). */
const xmlChar = (c: string): boolean => {
  const code = c.codePointAt(0) ?? 0;
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
};

const xml = (s: string): string =>
  Array.from(s)
    .filter(xmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

interface Case {
  readonly name: string;
  readonly classname: string;
  readonly failure?: { readonly message: string; readonly text: string };
}

/**
 * The run as JUnit XML, one test case per check: each replayed failure,
 * the generated runs, the parallel runs not proven, and (with
 * `minTransitionCoverage`) the coverage threshold.
 *
 * @example
 * import { junitXml } from 'credential-lifecycle/testing';
 * junitXml({ runs: 10, commands: 200, failures: 0, seed: 1 }).includes('tests="1" failures="0"'); // true
 */
export const junitXml = (
  report: ConformanceReport,
  options: { readonly minTransitionCoverage?: number } = {},
): string => {
  const cases: Case[] = [];
  for (const r of report.replayed ?? []) {
    cases.push({
      name: `saved failure ${r.id}`,
      classname: 'conformance.replay',
      ...(r.outcome === 'fixed' ? {} : { failure: { message: r.outcome, text: r.error } }),
    });
  }
  const c = report.counterexample;
  cases.push({
    name: `${report.runs} ${report.parallel === true ? 'parallel runs' : 'random sequences'} (seed ${report.seed})`,
    classname: 'conformance',
    ...(c === undefined
      ? {}
      : {
          failure: {
            message: 'divergence from the oracle',
            text: [c.error, '', ...c.steps, '', `replay: --seed ${c.seed} --path ${c.path}`].join(
              '\n',
            ),
          },
        }),
  });
  if ((report.notProven ?? 0) > 0) {
    cases.push({
      name: 'linearizability of every parallel run',
      classname: 'conformance.parallel',
      failure: {
        message: 'not proven',
        text: `${report.notProven} parallel runs reached the search bound: neither explained nor refuted`,
      },
    });
  }
  const min = options.minTransitionCoverage;
  if (min !== undefined && report.coverage !== undefined) {
    const t = report.coverage.transitions;
    cases.push({
      name: `transition coverage at least ${min} %`,
      classname: 'conformance.coverage',
      ...(t.percent >= min
        ? {}
        : {
            failure: {
              message: `${t.percent} % < ${min} %`,
              text: coverageSummary(report.coverage).join('\n'),
            },
          }),
    });
  }
  const failures = cases.filter((k) => k.failure !== undefined).length;
  const properties = [
    ['seed', String(report.seed)],
    ['runs', String(report.runs)],
    ['commands', String(report.commands)],
    ...(report.coverage === undefined
      ? []
      : [['transitionCoverage', String(report.coverage.transitions.percent)]]),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="credential-lifecycle conformance" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="conformance" tests="${cases.length}" failures="${failures}">`,
    '    <properties>',
    ...properties.map(
      ([n, v]) => `      <property name="${xml(n ?? '')}" value="${xml(v ?? '')}"/>`,
    ),
    '    </properties>',
    ...cases.map((k) =>
      k.failure === undefined
        ? `    <testcase classname="${xml(k.classname)}" name="${xml(k.name)}"/>`
        : [
            `    <testcase classname="${xml(k.classname)}" name="${xml(k.name)}">`,
            `      <failure message="${xml(k.failure.message)}">${xml(k.failure.text)}</failure>`,
            '    </testcase>',
          ].join('\n'),
    ),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
