/**
 * The committed lifecycle documentation is what the machine generates:
 * docs/lifecycle.md, docs/diagrams/*.mmd (`npm run diagram`) and
 * docs/img/*.svg (`npm run diagram:render`). SVG bytes depend on the fonts of
 * the machine that rendered them, so an image is tied to its source by the
 * SHA-256 the render script writes into it; where Chromium is installed the
 * test renders every diagram again and checks its width and labels.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  hasChromium,
  hashAttribute,
  renderDiagrams,
  sourceHash,
} from '../../scripts/mermaid-render.mjs';
import { lifecycleDiagrams, lifecyclePage } from '../../src/diagram/page.js';
import { formatDuration, lockoutDefaultsTable, transitionTable } from '../../src/diagram/tables.js';
import { lifecycleTransitions } from '../../src/lifecycle/index.js';

const docs = new URL('../../docs/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, docs), 'utf8');
const maxWidth = 1600;
const diagrams = lifecycleDiagrams();
const regenerate = '(run `npm run diagram:render` after a change of the machine or a policy)';

describe('docs/lifecycle.md and docs/diagrams', () => {
  it(`docs/lifecycle.md is what the generator writes ${regenerate}`, () => {
    expect(read('lifecycle.md')).toBe(lifecyclePage());
  });

  it(`each docs/diagrams/*.mmd is what the generator writes, and no other is there ${regenerate}`, () => {
    const files = readdirSync(new URL('diagrams/', docs)).filter((f) => f.endsWith('.mmd'));
    expect(files.sort()).toEqual(diagrams.map((d) => `${d.name}.mmd`).sort());
    for (const d of diagrams) expect(read(`diagrams/${d.name}.mmd`), d.name).toBe(d.mermaid);
  });

  it('has the overview and one diagram per kind, each shown on the page', () => {
    expect(diagrams.map((d) => d.kind ?? d.name)).toEqual([
      'overview',
      'password',
      'tempStrongPassword',
      'ticket',
      'puk',
    ]);
    for (const d of diagrams) expect(lifecyclePage()).toContain(`(img/${d.name}.svg)`);
  });

  it('the transition table names every transition of the machine', () => {
    const table = transitionTable();
    for (const t of lifecycleTransitions()) {
      expect(table).toContain(`| ${t.source} | ${t.event} | ${t.index} |`);
    }
  });

  it('the transition table says which kinds take a transition under their default policy', () => {
    const row = (id: string) => {
      const t = lifecycleTransitions().find((x) => x.id === id);
      return transitionTable()
        .split('\n')
        .find((r) => r.startsWith(`| ${t?.source} | ${t?.event} | ${t?.index} |`));
    };
    // The spec: the success limit is the PUK's, single use the TSP's and Ticket's.
    expect(row('active:login.succeeded:1')?.endsWith('| PUK |')).toBe(true);
    expect(row('active:login.succeeded:0')?.endsWith('| TSP, Ticket |')).toBe(true);
    expect(row('active:user.changedPassword:0')?.endsWith('| Password |')).toBe(true);
  });
});

describe('the lockout table', () => {
  const rows = lockoutDefaultsTable().split('\n');
  const row = (field: string) => rows.find((r) => r.startsWith(`| \`${field}\` |`));

  it('gives the spec defaults of each kind (Password, TSP, Ticket, PUK)', () => {
    expect(rows[0]).toBe('| Parameter | Password | TSP | Ticket | PUK | Meaning |');
    expect(row('maxCredFailureCount')).toMatch(/^\| `maxCredFailureCount` \| 3 \| 3 \| 3 \| 3 \|/);
    expect(row('tmpLockingThreshold')).toMatch(/\| 2 \| 2 \| 2 \| 2 \|/);
    expect(row('tmpLockingDuration')).toMatch(/(\| 60000 ms \(1 min\) ){4}\|/);
    expect(row('tmpLockingMode')).toMatch(/\| strict \| strict \| strict \| strict \|/);
    expect(row('maxCredSuccessCount')).toMatch(
      /\| n\/a \(-1\) \| n\/a \(-1\) \| n\/a \(-1\) \| 5 \|/,
    );
    expect(row('singleUse')).toMatch(/\| n\/a \(false\) \| true \| true \| n\/a \(false\) \|/);
    expect(row('maxResetCount')).toMatch(/\| -1 \| -1 \| -1 \| -1 \|/);
    expect(row('resetTarget')).toMatch(/\| initial \| initial \| active \| active \|/);
    expect(row('credentialLifetime')).toMatch(
      /\| 315360000000 ms \(3650 d\) \| 432000000 ms \(5 d\) \| 432000000 ms \(5 d\) \| 315360000000 ms \(3650 d\) \|/,
    );
  });

  it('explains every parameter', () => {
    for (const r of rows.slice(2)) expect(r.endsWith(' |  |'), r).toBe(false);
  });

  it('formats durations in the largest unit that divides them', () => {
    expect([0, 1, 1_000, 90_000, 7_200_000, 86_400_000].map(formatDuration)).toEqual([
      '0',
      '1 ms',
      '1 s',
      '90 s',
      '2 h',
      '1 d',
    ]);
  });
});

const svgOf = (name: string): string => read(`img/${name}.svg`);
const attribute = (svg: string, name: string): string | undefined =>
  new RegExp(`^<svg[^>]*\\s${name}="([^"]*)"`).exec(svg)?.[1];

describe('docs/img', () => {
  it(`each image was rendered from the current Mermaid source ${regenerate}`, () => {
    for (const d of diagrams) {
      expect(attribute(svgOf(d.name), hashAttribute), d.name).toBe(sourceHash(d.mermaid));
    }
  });

  it(`each image is at most ${maxWidth} px wide at the default scale`, () => {
    for (const d of diagrams) {
      const svg = svgOf(d.name);
      const width = Number(attribute(svg, 'width'));
      const viewBox = attribute(svg, 'viewBox')?.split(' ').map(Number) ?? [];
      expect(width, d.name).toBeGreaterThan(0);
      expect(width, d.name).toBeLessThanOrEqual(maxWidth);
      expect(width, d.name).toBe(Math.ceil(viewBox[2] ?? Number.NaN));
    }
  });

  it.skipIf(!hasChromium())(
    `renders again in Chromium: at most ${maxWidth} px wide, no label over a label or a node, no edge across a node${hasChromium() ? '' : ` (skipped: ${chromiumPath} is not installed; apt-get install -y chromium)`}`,
    async () => {
      const rendered = await renderDiagrams(diagrams);
      expect(rendered.map((r) => r.name)).toEqual(diagrams.map((d) => d.name));
      for (const r of rendered) {
        expect(r.width, r.name).toBeLessThanOrEqual(maxWidth);
        expect(r.overlaps, r.name).toEqual([]);
        expect(attribute(r.svg, hashAttribute), r.name).toBe(
          attribute(svgOf(r.name), hashAttribute),
        );
      }
    },
    30_000,
  );
});
