/**
 * Latency and fault injection (issue 19, point 3), over real HTTP and in
 * process: rule format and its errors, globs, first match, rates and delay
 * ranges drawn from the seeded source (so a seed repeats), the delay applied
 * by the adapters, and clearing. The test-only model-breaking faults stay a
 * separate thing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideFault, decodeFaultRules, globPattern } from '../../src/mock/fault-rules.js';
import { faultNames } from '../../src/mock/faults.js';
import { seededRandom } from '../../src/secret/random.js';
import { type RunningServer, startNodeServer } from '../../src/server/node.js';
import {
  controlPath,
  defaultStart,
  httpSystem,
  inProcessSystem,
  type SystemUnderTest,
} from '../../src/testing/index.js';
import { MockServer } from '../../src/web/server.js';

const core = '/nevisidm/api/core/v1/c1/users/u1';
const issueRules = {
  rules: [
    { method: 'GET', path: '/nevisidm/*', delayMs: 400 },
    { method: 'POST', path: '/nevisidm/api/auth/*', delayMs: [50, 200], rate: 0.5 },
    { path: '*/ticket', status: 503, rate: 0.1 },
  ],
};

/** Sleeps recorded instead of waited: the adapters call it with the decided delay. */
const sleeps: number[] = [];
const recordSleep = async (ms: number): Promise<void> => {
  sleeps.push(ms);
};

let server: RunningServer;
beforeAll(async () => {
  server = await startNodeServer({
    mock: new MockServer({ seed: 1, start: defaultStart, sleep: recordSleep }),
    port: 0,
    log: undefined,
  });
});
afterAll(() => server.close());

const systems: [string, () => SystemUnderTest][] = [
  ['in process', () => inProcessSystem({ sleep: recordSleep })],
  ['over HTTP', () => httpSystem(server.url)],
];

const putFaults = (system: SystemUnderTest, body: unknown) =>
  system.send({ method: 'PUT', path: controlPath.faults, body });

describe.each(systems)('fault rules %s', (_name, make) => {
  it('take the rules of the issue and give them back', async () => {
    const system = make();
    await system.control?.reset();
    expect((await putFaults(system, issueRules)).status).toBe(204);
    expect((await system.send({ method: 'GET', path: controlPath.faults })).body).toEqual(
      issueRules,
    );
  });

  it('refuse a bad rule list with 422, one error per problem, and keep the rules in force', async () => {
    const system = make();
    await system.control?.reset();
    await putFaults(system, { rules: [{ path: '/x', delayMs: 1 }] });
    const answer = await putFaults(system, {
      rules: [
        { method: 'GET /', path: '', delayMs: [9, 3] },
        { path: '/a', status: 200, rate: 1.5 },
        { path: '/b' },
        'slow',
      ],
    });
    expect(answer.status).toBe(422);
    expect((answer.body as { errors: { message: string }[] }).errors.map((e) => e.message)).toEqual(
      [
        '$.rules[0].method: got "GET /", expected an HTTP method such as "GET"',
        '$.rules[0].path: got "", expected a non-empty glob such as "/nevisidm/*"',
        '$.rules[0].delayMs: got [9,3], expected whole milliseconds 0 to 300000, or [min, max] with min ≤ max',
        '$.rules[1].status: got 200, expected an integer 400 to 599',
        '$.rules[1].rate: got 1.5, expected a number 0 to 1',
        '$.rules[2]: expected delayMs, status or both',
        '$.rules[3]: got "slow", expected an object',
      ],
    );
    expect((await system.send({ method: 'GET', path: controlPath.faults })).body).toEqual({
      rules: [{ path: '/x', delayMs: 1 }],
    });
  });

  it('answer instead of the model, first match wins, and the store is untouched', async () => {
    const system = make();
    await system.control?.reset();
    await system.control?.putUser('c1', 'u1');
    await putFaults(system, {
      rules: [
        { method: 'POST', path: '*/ticket', status: 503 },
        { path: '*/ticket', status: 500 },
        {
          path: `${core}/puk`,
          status: 429,
          body: { errors: [{ code: 'errors.tooManyRequests', message: 'slow down' }] },
        },
      ],
    });
    const created = await system.send({ method: 'POST', path: `${core}/ticket`, body: {} });
    expect(created.status).toBe(503);
    expect(created.body).toEqual({
      errors: [{ code: 'errors.serviceUnavailable', message: 'answered by fault rule 0' }],
    });
    expect((await system.send({ method: 'GET', path: `${core}/ticket` })).status).toBe(500);
    const puk = await system.send({ method: 'GET', path: `${core}/puk` });
    expect([puk.status, puk.body]).toEqual([
      429,
      { errors: [{ code: 'errors.tooManyRequests', message: 'slow down' }] },
    ]);
    // Not matched: the model answers (the ticket was never created).
    expect((await system.send({ method: 'GET', path: `${core}/password` })).status).toBe(404);
    expect((await system.send({ method: 'DELETE', path: controlPath.faults })).status).toBe(204);
    expect((await system.send({ method: 'GET', path: `${core}/ticket` })).status).toBe(404);
    const journal = await system.send({
      method: 'GET',
      path: `${controlPath.requests}?status=5xx`,
    });
    expect((journal.body as { requests: unknown[] }).requests).toMatchObject([
      { method: 'POST', status: 503, fault: { rule: 0, delayMs: 0, injected: true } },
      { method: 'GET', status: 500, fault: { rule: 1, delayMs: 0, injected: true } },
    ]);
  });

  it('delay answers by the decided time, which the adapter waits out', async () => {
    const system = make();
    await system.control?.reset();
    await putFaults(system, {
      rules: [
        { method: 'GET', path: '/nevisidm/*', delayMs: 400 },
        { path: '/nevisidm/*', delayMs: [50, 200] },
      ],
    });
    sleeps.length = 0;
    const slow = await system.send({ method: 'GET', path: `${core}/puk` });
    expect(slow.status).toBe(404); // the real answer, late
    for (let i = 0; i < 30; i++) await system.send({ method: 'DELETE', path: `${core}/puk` });
    expect(sleeps[0]).toBe(400);
    expect(sleeps).toHaveLength(31);
    for (const ms of sleeps.slice(1)) {
      expect(ms).toBeGreaterThanOrEqual(50);
      expect(ms).toBeLessThanOrEqual(200);
    }
    expect(new Set(sleeps.slice(1)).size).toBeGreaterThan(5);
  });

  it('are cleared by DELETE /__mock/faults and by POST /__mock/reset', async () => {
    const system = make();
    await putFaults(system, issueRules);
    await system.send({ method: 'DELETE', path: controlPath.faults });
    expect((await system.send({ method: 'GET', path: controlPath.faults })).body).toEqual({
      rules: [],
    });
    await putFaults(system, issueRules);
    await system.control?.reset();
    expect((await system.send({ method: 'GET', path: controlPath.faults })).body).toEqual({
      rules: [],
    });
    sleeps.length = 0;
    await system.send({ method: 'GET', path: `${core}/puk` });
    expect(sleeps).toEqual([]);
  });
});

/** The statuses of 200 GETs of a ticket under a 30 % failure rule, from a fresh seeded mock. */
const flakyRun = async (system: SystemUnderTest): Promise<number[]> => {
  await system.control?.reset();
  await putFaults(system, { rules: [{ path: '*/ticket', status: 503, rate: 0.3 }] });
  const statuses: number[] = [];
  for (let i = 0; i < 200; i++) {
    statuses.push((await system.send({ method: 'GET', path: `${core}/ticket` })).status);
  }
  return statuses;
};

describe('rates', () => {
  it('apply a rule to about its share of requests, the same ones again for the same seed', async () => {
    const inProcess = await flakyRun(inProcessSystem({ seed: 1 }));
    const overHttp = await flakyRun(httpSystem(server.url));
    expect(overHttp).toEqual(inProcess); // both seed 1: reset restarts the source
    expect(await flakyRun(inProcessSystem({ seed: 1 }))).toEqual(inProcess);
    expect(await flakyRun(inProcessSystem({ seed: 2 }))).not.toEqual(inProcess);
    const failed = inProcess.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(35); // 30 % of 200 is 60
    expect(failed).toBeLessThan(85);
    expect(new Set(inProcess)).toEqual(new Set([503, 404]));
  });

  it('draw nothing from the source when no rule needs a draw (secrets stay as without rules)', async () => {
    const tspOf = async (rules: unknown[]) => {
      const system = inProcessSystem({ seed: 3 });
      await system.control?.putUser('c1', 'u1');
      await putFaults(system, { rules });
      await system.send({ method: 'GET', path: `${core}/puk` });
      return (await system.send({ method: 'POST', path: `${core}/tempstrong-password`, body: {} }))
        .body;
    };
    const plain = await tspOf([]);
    expect(await tspOf([{ path: '*/puk', delayMs: 10 }])).toEqual(plain);
    expect(await tspOf([{ path: '*/puk', delayMs: [10, 20] }])).not.toEqual(plain);
  });
});

describe('globs', () => {
  it('match exactly the strings made of their literal parts with anything between', () => {
    const literal = fc.string({
      unit: fc.constantFrom('a', '/', '.', '-', '(', '?', '[', '+', '\\', '$'),
    });
    fc.assert(
      fc.property(literal, literal, literal, (head, tail, middle) => {
        expect(globPattern(`${head}*${tail}`).test(`${head}${middle}${tail}`)).toBe(true);
        expect(globPattern(head).test(head)).toBe(true);
        expect(globPattern(head).test(`${head}x`)).toBe(false);
        expect(globPattern(`${head}*`).test(`x${head}`)).toBe(
          head === '' || `x${head}`.startsWith(head),
        );
      }),
    );
  });

  it('decide by the first rule whose method and glob match', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'get', 'PATCH'),
        fc.constantFrom('/a/ticket', '/a/puk'),
        (method, path) => {
          const rules = decodeFaultRules({
            rules: [
              { method: 'GET', path: '*/ticket', status: 500 },
              { path: '/a/*', status: 503 },
            ],
          });
          if (rules._tag === 'Left') throw new Error(rules.left.join());
          const status = decideFault(rules.right, method, path, seededRandom(1))?.answer?.status;
          expect(status).toBe(method.toUpperCase() === 'GET' && path === '/a/ticket' ? 500 : 503);
        },
      ),
    );
  });
});

describe('the test-only faults', () => {
  it('stay separate: their names are unchanged and no rule is one of them', async () => {
    expect(faultNames).toEqual(['skip-version-increment', 'lost-update']);
    const answer = await putFaults(inProcessSystem(), {
      rules: [{ path: '*', fault: 'lost-update' }],
    });
    expect(answer.status).toBe(422);
  });
});
