/**
 * The failure database: a shrunk counterexample is saved with its seed,
 * path, commands, expected and actual answers and replay script; later runs
 * replay it first and report it still failing (against the broken system)
 * or fixed (against a correct one, then deleted unless kept). A saved file
 * that does not decode is reported, not thrown.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeSavedFailure,
  type FailureStore,
  inProcessSystem,
  memoryFailureStore,
  runConformance,
  type SystemUnderTest,
} from '../../src/testing/index.js';
import { deleteAnswers200 } from './support.js';

const run = (system: SystemUnderTest, store: FailureStore, keepFixed = false) =>
  runConformance({ system, runs: 100, clock: true, seed: 21, failures: store, keepFixed });

describe('the failure database', () => {
  it('saves a shrunk counterexample, replays it first, and forgets it once fixed', async () => {
    const store = memoryFailureStore();
    const first = await run(deleteAnswers200(), store);
    expect(first.failures).toBe(1);
    expect(first.replayed).toEqual([]);
    expect(store.saved.size).toBe(1);
    const [[id, saved] = ['', undefined]] = [...store.saved];
    expect(id).toMatch(/^sequential-[0-9a-f]{8}$/);
    expect(saved).toMatchObject({
      formatVersion: 1,
      mode: 'sequential',
      seed: first.counterexample?.seed,
      path: first.counterexample?.path,
      error: first.counterexample?.error,
    });
    const last = saved?.steps.at(-1) as {
      actual?: { status: number };
      expected?: { status: number };
    };
    expect(last.actual?.status).toBe(200);
    expect(last.expected?.status).toBe(204);
    expect(saved?.script[0]).toBe('#!/bin/sh');
    expect(saved?.commands.at(-1)).toMatchObject({ _tag: 'api', action: 'delete' });

    const again = await run(deleteAnswers200(), store);
    expect(again.replayed).toEqual([
      {
        id,
        outcome: 'still failing',
        error: expect.stringContaining('status: expected 204, got 200'),
        deleted: false,
      },
    ]);

    const kept = await run(inProcessSystem(), store, true);
    expect(kept.replayed?.[0]).toMatchObject({ id, outcome: 'fixed', deleted: false });
    expect(store.saved.has(id)).toBe(true);

    const fixed = await run(inProcessSystem(), store);
    expect(fixed.replayed?.[0]).toMatchObject({ id, outcome: 'fixed', deleted: true });
    expect(fixed.failures).toBe(0);
    expect(store.saved.size).toBe(0);
  }, 180_000);

  it('keeps no self-admin token in clear in what it saves or prints', async () => {
    // Breaks the answers to users acting on their own data.
    const real = inProcessSystem();
    const selfAdminBroken: SystemUnderTest = {
      ...real,
      send: async (request) => {
        const answer = await real.send(request);
        return request.headers?.['X-Token'] === undefined ? answer : { ...answer, status: 418 };
      },
    };
    const store = memoryFailureStore();
    const report = await run(selfAdminBroken, store);
    const last = report.counterexample?.sent?.at(-1);
    expect(last?.request.headers).toEqual({ 'X-Token': '<self-admin token>' });
    const saved = JSON.stringify([...store.saved.values()]);
    expect(saved).toContain('<self-admin token>');
    expect(saved).not.toMatch(/[0-9a-f]{32}/);
    expect(report.counterexample?.curl.join('\n')).not.toMatch(/[0-9a-f]{32}/);
    expect(report.counterexample?.curl.at(-2)).toContain(`-H 'X-Token: '"$TOKEN_`);
  }, 120_000);

  it('reports a saved failure it cannot read, and keeps it', async () => {
    const store: FailureStore = {
      list: async () => [
        { id: 'old', content: { formatVersion: 2 } },
        { id: 'broken', content: undefined, problem: 'broken.json is not JSON' },
      ],
      save: async () => {},
      remove: async () => {
        throw new Error('must not remove');
      },
    };
    const report = await runConformance({
      system: inProcessSystem(),
      runs: 5,
      clock: true,
      failures: store,
    });
    expect(report.replayed).toEqual([
      {
        id: 'old',
        outcome: 'unreadable',
        error: expect.stringContaining('formatVersion'),
        deleted: false,
      },
      { id: 'broken', outcome: 'unreadable', error: 'broken.json is not JSON', deleted: false },
    ]);
    expect(decodeSavedFailure({ formatVersion: 1 })._tag).toBe('Left');
  });
});
