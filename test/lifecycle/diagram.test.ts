import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lifecycleDiagram, lifecycleTransitions } from '../../src/lifecycle/index.js';

describe('docs/lifecycle.md', () => {
  it('is what the generator produces from the machine (run `npm run diagram` after a change)', () => {
    const committed = readFileSync(new URL('../../docs/lifecycle.md', import.meta.url), 'utf8');
    expect(committed).toBe(lifecycleDiagram());
  });

  it('names every transition of the machine', () => {
    const diagram = lifecycleDiagram();
    for (const t of lifecycleTransitions()) {
      expect(diagram).toContain(`| ${t.source} | ${t.event} | ${t.index} |`);
    }
  });
});
