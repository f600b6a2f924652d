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
