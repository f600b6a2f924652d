/**
 * The bundle-size budget: `scripts/bundle-size.mjs` measures the minified and
 * gzipped browser bundle of the root entry, of hashing alone and of
 * `credential-lifecycle/mock`; each must stay within its budget, and the
 * budgets docs/performance.md states must be the ones checked.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../docs/snippets.js';

interface Measured {
  readonly name: string;
  readonly minified: number;
  readonly gzipped: number;
  readonly budget: number;
  /** Bytes of the minified output per package, largest first. */
  readonly parts: readonly { readonly package: string; readonly minified: number }[];
}

const script = path.join(repoRoot, 'scripts/bundle-size.mjs');
// The script exits 1 when over budget; its JSON report is read either way.
const measured = JSON.parse(
  spawnSync(process.execPath, [script, '--json'], { cwd: repoRoot, encoding: 'utf8' }).stdout,
) as Measured[];

/** The budget column of the "Bundle size" table of docs/performance.md, by bundle name. */
const documentedBudgets = (): Map<string, string> => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/performance.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Bundle size'));
  const budgets = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || cells[1] === 'Bundle' || cells[1]?.startsWith('---')) continue;
    budgets.set(cells[1] ?? '', cells[4] ?? '');
  }
  return budgets;
};

describe('bundle size', () => {
  it('measures the root entry and hashing alone', () => {
    expect(measured.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'root entry, everything',
        'hashing alone (hashSecret, verifySecret)',
      ]),
    );
    for (const m of measured) expect(m.gzipped).toBeLessThan(m.minified);
  });

  it.each(measured.map((m) => [m.name, m] as const))('%s is within its budget', (_name, m) => {
    expect(m.gzipped, `${m.gzipped} bytes gzipped`).toBeLessThanOrEqual(m.budget);
  });

  it('docs/performance.md states the budgets the script checks', () => {
    const documented = documentedBudgets();
    for (const m of measured) {
      expect(documented.get(m.name), m.name).toBe(`${(m.budget / 1000).toFixed(1)} kB`);
    }
  });

  it('tree-shakes: hashing alone carries neither the machine nor the codecs', () => {
    const [root, hashing] = [measured[0], measured[1]];
    const packages = (m: typeof root) => (m?.parts ?? []).map((p) => p.package);
    expect(packages(root)).toEqual(expect.arrayContaining(['xstate', 'io-ts']));
    expect(packages(hashing)).not.toContain('xstate');
    expect(packages(hashing)).not.toContain('io-ts');
    expect(hashing?.gzipped ?? Infinity).toBeLessThan((root?.gzipped ?? 0) / 2);
  });
});
