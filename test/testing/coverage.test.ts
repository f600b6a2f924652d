/**
 * Coverage of the model: each request is attributed to the machine
 * transitions the oracle's model takes for it. The scenarios follow the
 * spec's lockout rule with nevisIDM's defaults (3 failures fail-lock, 2
 * tmp-lock for 60 s, strict): failure 1 stays, failure 2 tmp-locks, the
 * first failure after the lock fail-locks; a read after the lock's end lifts
 * it; a delete takes the credential from any state; a successful password
 * login consumes the user's TSP.
 */
import { describe, expect, it } from 'vitest';
import { lifecycleTransitions } from '../../src/index.js';
import {
  AdvanceClockCommand,
  ApiCommand,
  type BodySpec,
  type Catalogue,
  CoverageRecorder,
  coverageReportJson,
  coverageSummary,
  drivenByOperations,
  inProcessSystem,
  junitXml,
  prepareRun,
} from '../../src/testing/index.js';

const catalogue: Catalogue = {
  clientExtId: 'c1',
  users: [{ userExtId: 'u1', loginId: 'alice' }],
  ghostUserExtId: 'nobody',
  policies: { PwdPolicy: [], TempStrongPasswordPolicy: [], TicketPolicy: [], PUKPolicy: [] },
};

const admin = { _tag: 'admin' } as const;
const wrong: BodySpec = { _tag: 'login', secret: 'Wrong-Secret-0!' };
const none: BodySpec = { _tag: 'none' };

/** Runs the commands in a fresh in-process setup; the transitions fired per kind, in order. */
const attributed = async (
  commands: readonly (ApiCommand | AdvanceClockCommand)[],
): Promise<CoverageRecorder> => {
  const coverage = new CoverageRecorder();
  const { model, real } = await prepareRun(
    inProcessSystem(),
    { catalogue, policies: [], start: Date.UTC(2026, 0, 1), clock: true },
    { coverage },
  );
  for (const c of commands) await c.run(model, real);
  return coverage;
};

const api = (kind: ApiCommand['kind'], action: ApiCommand['action'], body: BodySpec) =>
  new ApiCommand('c1', 'u1', kind, action, admin, body);

const fired = (coverage: CoverageRecorder, kind: 'password' | 'tempStrongPassword') =>
  Object.entries(coverage.result().kinds[kind].transitions)
    .filter(([, n]) => n > 0)
    .map(([id, n]) => `${id} ×${n}`);

describe('attribution of requests to machine transitions', () => {
  it('follows the lockout rule with the defaults, a lock lifted by a read, unlock and delete', async () => {
    const coverage = await attributed([
      api('password', 'create', { _tag: 'json', value: { password: 'Correct-Horse-42' } }),
      api('password', 'login', wrong), // failure 1: stays initial
      api('password', 'login', wrong), // failure 2: tmp-locked for 60 s
      new AdvanceClockCommand(60_000),
      api('password', 'get', none), // the lock has ended: lifted, back to initial
      api('password', 'login', wrong), // failure 3: fail-locked
      api('password', 'unlock', none),
      api('password', 'delete', none),
    ]);
    expect(fired(coverage, 'password')).toEqual([
      'initial:login.failed:0 ×1',
      'initial:login.failed:1 ×1',
      'initial:login.failed:2 ×1',
      'active:credential.deleted:0 ×1',
      'tmp-locked:time.passes:0 ×1',
      'fail-locked:admin.unlock:0 ×1',
    ]);
    const result = coverage.result();
    expect(result.kinds.password.states).toMatchObject({
      initial: 3, // created, failure 1, the lock lifted
      'tmp-locked': 1,
      'fail-locked': 1,
      active: 1,
      deleted: 1,
    });
    // 3: failed, the next failure locks; 9: now tmp-locked; 4: now fail-locked.
    expect(result.loginStatusCodes).toEqual({ '3': 1, '4': 1, '9': 1 });
    expect(result.unattributed.count).toBe(0);
  });

  it('attributes a delete after a lock ended to the expiry and the restored state (no read first)', async () => {
    const coverage = await attributed([
      api('tempStrongPassword', 'create', { _tag: 'json', value: {} }),
      api('tempStrongPassword', 'login', wrong),
      api('tempStrongPassword', 'login', wrong),
      new AdvanceClockCommand(61_000),
      api('tempStrongPassword', 'delete', none),
    ]);
    expect(fired(coverage, 'tempStrongPassword')).toEqual([
      'initial:login.failed:1 ×1',
      'initial:login.failed:2 ×1',
      'initial:credential.deleted:0 ×1',
      'tmp-locked:credential.deleted:0 ×1',
    ]);
  });

  it('attributes the consumption of a TSP by a successful password login', async () => {
    const coverage = await attributed([
      api('password', 'create', { _tag: 'json', value: { password: 'Correct-Horse-42' } }),
      api('tempStrongPassword', 'create', { _tag: 'json', value: {} }),
      api('password', 'login', { _tag: 'login', secret: 'known' }),
    ]);
    expect(fired(coverage, 'tempStrongPassword')).toEqual(['initial:credential.strongLogin:0 ×1']);
    expect(fired(coverage, 'password')).toEqual(['initial:login.succeeded:2 ×1']);
  });

  it('counts refused requests by operation and code, without transitions', async () => {
    const coverage = await attributed([
      api('password', 'get', none),
      api('password', 'unlock', none),
    ]);
    const result = coverage.result();
    expect(result.operations).toEqual({
      'get password': { '4xx': 1 },
      'unlock password': { '4xx': 1 },
    });
    expect(result.errorCodes).toEqual({ 'errors.noRecord': 2 });
    expect(result.transitions.covered).toBe(0);
  });
});

describe('what the REST operations can drive', () => {
  const byId = new Map(lifecycleTransitions().map((t) => [t.id, t]));
  const t = (id: string) => {
    const found = byId.get(id);
    if (found === undefined) throw new Error(`no transition ${id}`);
    return found;
  };
  it('drives an unlock only for passwords, the only kind with an unlock operation', () => {
    expect(drivenByOperations('password', t('fail-locked:admin.unlock:0'))).toBe(true);
    for (const kind of ['tempStrongPassword', 'ticket', 'puk'] as const) {
      expect(drivenByOperations(kind, t('fail-locked:admin.unlock:0'))).toBe(false);
    }
  });
  it('never judges an event at the end of a lock, except a delete and a strong login', () => {
    expect(drivenByOperations('puk', t('tmp-locked:login.failed:1'))).toBe(false);
    expect(drivenByOperations('puk', t('tmp-locked:admin.update:1'))).toBe(false);
    expect(drivenByOperations('puk', t('tmp-locked:time.passes:1'))).toBe(true);
    expect(drivenByOperations('ticket', t('tmp-locked:credential.deleted:1'))).toBe(true);
    expect(drivenByOperations('ticket', t('tmp-locked:credential.strongLogin:1'))).toBe(true);
    expect(drivenByOperations('ticket', t('tmp-locked:admin.update:5'))).toBe(true);
  });
});

describe('the coverage report', () => {
  it('names what is not covered, as text, versioned JSON and JUnit', async () => {
    const coverage = await attributed([
      api('password', 'create', { _tag: 'json', value: { password: 'Correct-Horse-42' } }),
      api('password', 'login', wrong),
    ]);
    const result = coverage.result();
    const report = { runs: 1, commands: 2, failures: 0, seed: 3, coverage: result };
    const text = coverageSummary(result);
    expect(text[0]).toMatch(
      /^coverage: 1 of \d+ transitions reachable under the runs' policies \(\d+(\.\d)? %\)/,
    );
    expect(text).toContain(
      '    password: initial --login.failed [failureTmpLocks(initial)]--> tmp-locked (initial:login.failed:1)',
    );
    const json = JSON.parse(coverageReportJson(report));
    expect(json).toMatchObject({ formatVersion: 1, runs: 1, commands: 2, seed: 3 });
    expect(json.kinds.password.transitions['initial:login.failed:2']).toBe(1);
    expect(json.kinds.password.states.initial).toBe(2);
    expect(json.uncovered).toContainEqual(
      expect.objectContaining({ kind: 'password', id: 'initial:login.failed:1' }),
    );
    expect(json.kinds.password.machineOnly.map((m: { id: string }) => m.id)).toContain(
      'tmp-locked:login.failed:0',
    );
    const xml = junitXml(report, { minTransitionCoverage: 90 });
    expect(xml).toContain('<testsuite name="conformance" tests="2" failures="1">');
    expect(xml).toMatch(/<failure message="[\d.]+ % &lt; 90 %">/);
  });
});
