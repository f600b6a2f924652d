/**
 * Fixtures go through the control API, so they obey its id rules: the demo
 * fixture loads, ids outside the extId character set are reported per place.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { applyFixture } from '../../src/web/fixture.js';
import { MockServer } from '../../src/web/server.js';
import { repoRoot } from '../docs/snippets.js';

describe('applyFixture', () => {
  it('loads the demo fixture', async () => {
    const demo = JSON.parse(fs.readFileSync(path.join(repoRoot, 'fixtures/demo.json'), 'utf8'));
    expect(await applyFixture(new MockServer({ seed: 1 }), demo)).toEqual(E.right(undefined));
  });

  it('reports a user or policy id outside the extId character set where it is', async () => {
    const mock = new MockServer({ seed: 1 });
    const applied = await applyFixture(mock, {
      clients: {
        demo: {
          policies: { 'p q': { type: 'PUKPolicy' } },
          users: { 'a b': {}, alice: {} },
        },
      },
    });
    expect(E.isLeft(applied) && applied.left).toEqual([
      expect.stringMatching(
        /^\$\.clients\.demo\.policies\.p q: 422 errors\.invalidValue: policyExtId: got "p q"/,
      ),
      expect.stringMatching(
        /^\$\.clients\.demo\.users\.a b: 422 errors\.invalidValue: userExtId: got "a b"/,
      ),
    ]);
    expect((await mock.state.store.listUsers('demo')).map((u) => u.userExtId)).toEqual(['alice']);
  });
});
