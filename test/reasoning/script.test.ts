/**
 * The script language of `explain`: steps, durations, repetition, and errors
 * that name the token and its position.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E, option as O } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { latestInstant } from '../../src/domain/instant.js';
import { formatDuration, parseDuration } from '../../src/reasoning/duration.js';
import {
  maxScriptSteps,
  parseScript,
  type Step,
  scriptText,
  stepNames,
} from '../../src/reasoning/script.js';

const steps = (script: string): readonly Step[] => {
  const parsed = parseScript(script);
  if (E.isLeft(parsed)) expect.fail(parsed.left.message);
  return parsed.right;
};

const errorOf = (script: string) => {
  const parsed = parseScript(script);
  if (E.isRight(parsed)) expect.fail(`accepted ${script}`);
  return parsed.left;
};

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['250', 250],
    ['0', 0],
    ['250ms', 250],
    ['1h30m', 5_400_000],
    ['1d2h3m4s5ms', 93_784_005],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toEqual(O.some(ms));
  });

  it.each(['', '1.5h', '-5s', '5 s', '1x', 's', '30m1h', '1m1m', '5S', '99999999999999999'])(
    '%j is no duration',
    (text) => {
      expect(parseDuration(text)).toEqual(O.none);
    },
  );

  test.prop([fc.integer({ min: 0, max: latestInstant })])(
    'formatDuration writes what parseDuration reads back',
    (ms) => {
      expect(parseDuration(formatDuration(ms))).toEqual(O.some(ms));
    },
  );

  it('writes the largest units first', () => {
    expect([60_000, 90_000, 1_500, 0, 86_400_000 * 3650].map(formatDuration)).toEqual([
      '1m',
      '1m30s',
      '1s500ms',
      '0s',
      '3650d',
    ]);
  });
});

describe('parseScript', () => {
  it('reads every step name', () => {
    const script = stepNames.map((n) => (n === 'wait' ? 'wait 1s' : n)).join(' ');
    expect(steps(script).map((s) => s.name)).toEqual(stepNames);
  });

  it('reads the issue example and repetitions', () => {
    expect(steps('fail fail wait 60s fail')).toEqual([
      { name: 'fail' },
      { name: 'fail' },
      { name: 'wait', ms: 60_000 },
      { name: 'fail' },
    ]);
    expect(steps('fail*3')).toEqual([{ name: 'fail' }, { name: 'fail' }, { name: 'fail' }]);
    expect(steps('wait 1m*2')).toEqual([
      { name: 'wait', ms: 60_000 },
      { name: 'wait', ms: 60_000 },
    ]);
    expect(steps('(fail wait 1m)*2 login').map((s) => s.name)).toEqual([
      'fail',
      'wait',
      'fail',
      'wait',
      'login',
    ]);
    expect(steps('  \n ')).toEqual([]);
  });

  it.each([
    ['fail fial', 'fial', 5, 'unknown step "fial" at column 6'],
    ['login wait', 'wait', 6, 'wait needs a duration at column 7'],
    ['wait 1x', '1x', 5, 'bad duration "1x" at column 6'],
    ['wait fail', 'fail', 5, 'bad duration "fail" at column 6'],
    ['fail*0', 'fail*0', 0, 'bad repetition "fail*0" at column 1'],
    ['fail*x', 'fail*x', 0, 'bad repetition "fail*x" at column 1'],
    ['fail *3', '*3', 5, 'repetition "*3" follows no step at column 6'],
    ['wait*2 1m', 'wait*2', 0, 'repetition "wait*2" before the duration at column 1'],
    ['(fail', '(', 0, '"(" without its ")" at column 1'],
    ['fail)', ')', 4, 'unmatched ")" at column 5'],
    ['() fail', '(', 0, 'empty group "()" at column 1'],
    ['LOGIN', 'LOGIN', 0, 'unknown step "LOGIN" at column 1'],
  ])('%j: an error naming %j at %d', (script, token, position, message) => {
    const error = errorOf(script);
    expect(error).toMatchObject({ _tag: 'ScriptError', token, position });
    expect(error.message.startsWith(message), error.message).toBe(true);
  });

  it('names what is allowed', () => {
    expect(errorOf('fial').message).toContain('steps: login, fail, wait <duration>, reset');
    expect(errorOf('wait 1x').message).toContain('30s, 5m, 2h, 1d');
  });

  it(`limits a script to ${maxScriptSteps} steps and its time to the latest instant`, () => {
    expect(steps(`fail*${maxScriptSteps}`)).toHaveLength(maxScriptSteps);
    expect(errorOf(`login (fail*${maxScriptSteps})*2`)).toMatchObject({
      token: `fail*${maxScriptSteps}`,
      position: 7,
    });
    expect(errorOf(`wait ${latestInstant} wait 1`)).toMatchObject({ token: 'wait', position: 21 });
  });
});

describe('scriptText', () => {
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc.constantFrom(...stepNames.filter((n) => n !== 'wait')).map((name) => ({ name }) as Step),
    fc.integer({ min: 0, max: 10 * 86_400_000 }).map((ms): Step => ({ name: 'wait', ms })),
  );

  test.prop([fc.array(stepArb, { maxLength: 30 })])(
    'writes a script that parseScript reads as the same steps',
    (written) => {
      expect(steps(scriptText(written))).toEqual(written);
    },
  );

  it('shortens runs of equal steps', () => {
    expect(
      scriptText([
        { name: 'fail' },
        { name: 'fail' },
        { name: 'wait', ms: 60_000 },
        { name: 'fail' },
      ]),
    ).toBe('fail*2 wait 1m fail');
  });
});
