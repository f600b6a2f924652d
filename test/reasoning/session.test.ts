/**
 * Sessions built one step at a time, and the command line that reproduces
 * them: pasted into the CLI, it must print the session's explanation.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E, option as O } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { decodePolicy } from '../../src/policy/decode.js';
import { defaultPolicy, policyTypeOfKind } from '../../src/policy/policy.js';
import { explainSteps } from '../../src/reasoning/explain.js';
import { timelineCells, timelineColumns } from '../../src/reasoning/report.js';
import {
  explainCommandLine,
  kindNamed,
  policyParameters,
  sessionExplanation,
  sessionStep,
  startSession,
} from '../../src/reasoning/session.js';
import { policyArb } from '../../src/testing/arbitraries/policies.js';
import { runCommand } from '../server/support.js';
import { kindArb, lockoutParametersArb, policyOf, scriptArb, shellWords } from './support.js';

const runLine = async (line: string) => {
  const [tool, ...argv] = shellWords(line);
  expect(tool).toBe('credential-lifecycle');
  return runCommand(argv);
};

describe('sessions', () => {
  test.prop([
    kindArb.chain((kind) =>
      fc.tuple(fc.constant(kind), lockoutParametersArb(kind), scriptArb(kind)),
    ),
  ])('step by step gives the rows of explaining the whole script', ([kind, parameters, steps]) => {
    const policy = policyOf(kind, parameters);
    const session = steps.reduce(sessionStep, startSession(kind, policy));
    expect(session.steps).toEqual(steps);
    expect(sessionExplanation(session)).toEqual(explainSteps(kind, policy, steps));
  });

  it('a session step does not change the session it starts from', () => {
    const start = startSession('password', defaultPolicy('PwdPolicy'));
    const copy = JSON.parse(JSON.stringify(start));
    sessionStep(start, { name: 'fail' });
    expect(start).toEqual(copy);
  });
});

describe('policyParameters', () => {
  test.prop([kindArb.chain((kind) => fc.tuple(fc.constant(kind), lockoutParametersArb(kind)))])(
    'decodePolicy reads the parameters back as the same policy',
    ([kind, parameters]) => {
      const policy = policyOf(kind, parameters);
      const back = decodePolicy(policyTypeOfKind[kind], policy.extId, policyParameters(policy));
      expect(E.isRight(back) && back.right.policy).toEqual(policy);
    },
  );

  test.prop([policyArb()], { numRuns: 200 })(
    'for every policy (hash sub-parameters included), decodePolicy reads the parameters back as it',
    (policy) => {
      // The one documented exception: list words with commas or spaces.
      fc.pre(
        Object.values(policy).every(
          (v) => !Array.isArray(v) || v.every((w) => !/[,\s]/.test(String(w))),
        ),
      );
      const back = decodePolicy(policy.type, policy.extId, policyParameters(policy));
      expect(E.isRight(back) && back.right.policy).toEqual(policy);
    },
  );

  it('names only what differs from the defaults, word lists joined by commas', () => {
    expect(
      policyParameters({
        ...defaultPolicy('PwdPolicy'),
        dictionary: ['secret', 'qwerty'],
        initialPwchangePeriod: { initial: 60_000, adminChanged: -1 },
      }),
    ).toEqual({ dictionary: 'secret,qwerty', 'initialPwchangePeriod.initial': '60000' });
    expect(policyParameters(defaultPolicy('TicketPolicy'))).toEqual({});
  });

  it('names changed hash sub-parameters by their dotted names', () => {
    const password = defaultPolicy('PwdPolicy');
    expect(
      policyParameters({
        ...password,
        hashAlgorithm: 'bcrypt',
        hashParameters: { ...password.hashParameters, bcrypt: { cost: 10 } },
      }),
    ).toEqual({ hashAlgorithm: 'bcrypt', 'hashAlgorithm.bcrypt.cost': '10' });
    const puk = defaultPolicy('PUKPolicy');
    expect(
      policyParameters({
        ...puk,
        hashAlgorithm: 'ARGON2ID',
        hashParameters: {
          ...puk.hashParameters,
          argon2id: { ...puk.hashParameters.argon2id, memory: 65_536, parallelism: 4 },
        },
      }),
    ).toEqual({
      hashAlgorithm: 'ARGON2ID',
      'hashAlgorithm.argon2id.memory': '65536',
      'hashAlgorithm.argon2id.parallelism': '4',
    });
  });

  it('names every PBKDF2 sub-parameter once the digest differs, as the digest brings its own defaults', () => {
    const tsp = defaultPolicy('TempStrongPasswordPolicy');
    // SHA-512 with SHA-256's iteration count: decodePolicy would read a bare
    // digest as SHA-512's own defaults (220000 iterations, 64-byte key).
    const policy = {
      ...tsp,
      hashAlgorithm: 'PBKDF2' as const,
      hashParameters: {
        ...tsp.hashParameters,
        pbkdf2: { digest: 'SHA-512' as const, iterations: 600_000, saltLength: 16, keyLength: 32 },
      },
    };
    expect(policyParameters(policy)).toEqual({
      hashAlgorithm: 'PBKDF2',
      'hashAlgorithm.pbkdf2.digest': 'SHA-512',
      'hashAlgorithm.pbkdf2.iterations': '600000',
      'hashAlgorithm.pbkdf2.saltLength': '16',
      'hashAlgorithm.pbkdf2.keyLength': '32',
    });
    const back = decodePolicy('TempStrongPasswordPolicy', policy.extId, policyParameters(policy));
    expect(E.isRight(back) && back.right.policy).toEqual(policy);
  });
});

describe('explainCommandLine', () => {
  it('renders kind, parameters and script', () => {
    const policy = { ...defaultPolicy('TempStrongPasswordPolicy'), ticketCharacterSet: "a b'c" };
    expect(
      explainCommandLine('tempStrongPassword', policy, [
        { name: 'fail' },
        { name: 'wait', ms: 1_500 },
      ]),
    ).toBe(
      "credential-lifecycle explain --kind tempstrong-password --param 'ticketCharacterSet=a b'\\''c' 'fail wait 1s500ms'",
    );
  });

  it('names changed hash sub-parameters, so that the line reproduces the policy', async () => {
    const password = defaultPolicy('PwdPolicy');
    const policy = {
      ...password,
      hashAlgorithm: 'bcrypt' as const,
      hashParameters: { ...password.hashParameters, bcrypt: { cost: 10 } },
      tmpLockingMode: 'threshold' as const,
    };
    const steps = [{ name: 'fail' }, { name: 'login' }] as const;
    const line = explainCommandLine('password', policy, steps);
    expect(line).toBe(
      "credential-lifecycle explain --kind password --param tmpLockingMode=threshold --param hashAlgorithm=bcrypt --param hashAlgorithm.bcrypt.cost=10 'fail login'",
    );
    const { code, out, err } = await runLine(`${line} --json`);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(JSON.parse(out.join('\n')).policy).toEqual(JSON.parse(JSON.stringify(policy)));
  });

  test.prop(
    [
      kindArb.chain((kind) =>
        fc.tuple(fc.constant(kind), lockoutParametersArb(kind), scriptArb(kind, 10)),
      ),
    ],
    { numRuns: 30 },
  )(
    'run on the command line, it prints the explanation of the session',
    async ([kind, parameters, steps]) => {
      const policy = policyOf(kind, parameters, 'default');
      const session = steps.reduce(sessionStep, startSession(kind, policy));
      const line = explainCommandLine(kind, policy, session.steps);
      const { code, out, err } = await runLine(`${line} --json`);
      expect({ code, err }).toEqual({ code: 0, err: [] });
      expect(JSON.parse(out.join('\n'))).toEqual(
        JSON.parse(JSON.stringify(sessionExplanation(session))),
      );
    },
  );
});

describe('kindNamed', () => {
  it.each([
    ['password', 'password'],
    ['tempStrongPassword', 'tempStrongPassword'],
    ['tempstrong-password', 'tempStrongPassword'],
    ['tsp', 'tempStrongPassword'],
    ['Ticket', 'ticket'],
    ['PUK', 'puk'],
  ])('%s names %s', (name, kind) => {
    expect(kindNamed(name)).toEqual(O.some(kind));
  });

  it.each(['', 'pwd', 'tickets'])('%j names no kind', (name) => {
    expect(kindNamed(name)).toEqual(O.none);
  });
});

describe('timelineCells', () => {
  it('gives the created credential and one row per step, in the columns of explain', () => {
    let session = startSession('puk', defaultPolicy('PUKPolicy'));
    for (const step of [
      { name: 'fail' },
      { name: 'wait', ms: 90_000 },
      { name: 'unlock' },
    ] as const) {
      session = sessionStep(session, step);
    }
    expect(timelineColumns).toEqual([
      'at',
      'step',
      'answer',
      'state',
      'failed',
      'succeeded',
      'resets',
      'lockedUntil',
      'version',
      'reason',
    ]);
    expect(timelineCells(sessionExplanation(session))).toEqual([
      ['0s', '(created)', '-', 'active', '0', '0', '0', '-', '0', 'initialized'],
      [
        '0s',
        'fail',
        '3 login failed; the next failure locks the credential',
        'active',
        '1',
        '0',
        '0',
        '-',
        '1',
        'initialized',
      ],
      ['1m30s', 'wait 1m30s', '-', 'active', '1', '0', '0', '-', '1', 'initialized'],
      ['1m30s', 'unlock', 'no change', 'active', '1', '0', '0', '-', '1', 'initialized'],
    ]);
  });
});
