/**
 * A counterexample as a POSIX shell script of `curl` lines that replays it
 * against any server: the setup, then every request in order (the branches
 * of a parallel run concurrently). Nothing the server generated is written
 * literally: self-admin tokens and revealed secrets are captured from its
 * answers into shell variables, so the script also works against a server
 * whose random values differ from the run's (a mock started without
 * `--seed`).
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import {
  credentialKinds,
  credentialPath,
  formatInstant,
  type Instant,
  isPlainObject,
  matchRoute,
} from '../../index.js';
import { controlPath } from '../../mock/paths.js';
import { isHashValue } from '../compare.js';
import type { PolicySetup, UserSetup } from '../oracle.js';
import type { SutRequest, SutResponse } from '../system.js';

/**
 * One request of a script, with the body fields whose values were learnt
 * from earlier answers and the answer the run got (to know what it revealed).
 *
 * @example
 * import type { ScriptStep } from 'credential-lifecycle/testing';
 * const step: ScriptStep = { description: 'GET …', request: { method: 'GET', path: '/p' }, learnt: [] };
 */
export interface ScriptStep {
  readonly description: string;
  readonly request: SutRequest;
  readonly learnt: readonly string[];
  readonly answer?: SutResponse;
}

/**
 * What a replay script is made from.
 *
 * @example
 * import type { ScriptInput } from 'credential-lifecycle/testing';
 * const input: ScriptInput = {
 *   baseUrl: 'http://127.0.0.1:8080', clientExtId: 'c1', users: [{ userExtId: 'u1' }],
 *   control: { policies: [], clock: undefined }, tokens: new Map(), steps: [],
 * };
 */
export interface ScriptInput {
  /** The default of `$BASE`. */
  readonly baseUrl: string;
  readonly clientExtId: string;
  readonly users: readonly UserSetup[];
  /**
   * With the mock control API: the policies to put and where the clock is
   * frozen (`undefined`: the clock is left alone). Without it (`undefined`),
   * the script deletes the users' credentials instead and reads self-admin
   * tokens from the environment.
   */
  readonly control:
    | { readonly policies: readonly PolicySetup[]; readonly clock: Instant | undefined }
    | undefined;
  /** The run's self-admin tokens by user, to recognise them in headers. */
  readonly tokens: ReadonlyMap<string, string>;
  readonly steps: readonly ScriptStep[];
  /** Sent concurrently after `steps`, one subshell per branch. */
  readonly branches?: readonly (readonly ScriptStep[])[];
  /** Sent after the branches (the read-back of a parallel run). */
  readonly after?: readonly ScriptStep[];
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A placeholder for a variable, split out again when the shell word is
 * written. A private-use character: `JSON.stringify` keeps it as it is, and
 * no request of a run contains it.
 */
const mark = '\uE000';
const slot = (name: string): string => `${mark}${name}${mark}`;

/** A shell word from text with slots: single-quoted parts and `"$VAR"` parts. */
const shellWord = (text: string): string =>
  text
    .split(mark)
    .map((part, i) => (i % 2 === 1 ? `"$${part}"` : part === '' ? '' : quote(part)))
    .join('') || "''";

/** The field of an answer that reveals the whole secret of a create or reset, if any. */
const revealingField = (kind: string, answer: SutResponse | undefined): string | undefined => {
  if (answer === undefined || answer.status < 200 || answer.status > 299) return undefined;
  const body = answer.body;
  if (!isPlainObject(body)) return undefined;
  if (typeof body.passwordFragment === 'string') return 'passwordFragment';
  const value = body[kind];
  return typeof value === 'string' && !isHashValue(value) ? kind : undefined;
};

class ScriptWriter {
  readonly lines: string[] = [];
  readonly #tokens = new Map<string, string>();
  readonly #secrets = new Map<string, string>();
  #count = 0;

  constructor(tokens: ReadonlyMap<string, string>) {
    for (const token of tokens.values()) this.#tokens.set(token, `TOKEN_${this.#tokens.size + 1}`);
  }

  tokenVariable(token: string): string | undefined {
    return this.#tokens.get(token);
  }

  /** The `curl` words of a request, with tokens and learnt secrets as variables. */
  curl(request: SutRequest, learnt: readonly string[], userKind: string | undefined): string {
    const parts = ['curl -s -i', `-X ${request.method}`, `"$BASE"${quote(request.path)}`];
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      const variable = this.#tokens.get(value);
      parts.push(
        `-H ${variable === undefined ? quote(`${name}: ${value}`) : shellWord(`${name}: ${slot(variable)}`)}`,
      );
    }
    if (request.body !== undefined) {
      let body = request.body;
      if (isPlainObject(body) && userKind !== undefined) {
        const replaced: Record<string, unknown> = { ...body };
        for (const field of learnt) {
          const known = this.#secrets.get(`${userKind} ${field}`);
          if (known !== undefined) replaced[field] = known;
        }
        body = replaced;
      }
      parts.push(
        `-H 'Content-Type: application/json'`,
        `--data ${shellWord(JSON.stringify(body))}`,
      );
    }
    return parts.join(' ');
  }

  /** A request of the run; captures what its answer reveals for later steps. */
  step(step: ScriptStep, n: string): void {
    this.lines.push(`echo ${quote(`### ${n}. ${step.description}`)}`);
    const route = matchRoute(step.request.method, step.request.path);
    const match = E.isRight(route) ? route.right : undefined;
    const userKind = match === undefined ? undefined : `${match.userExtId} ${match.kind}`;
    const curl = this.curl(step.request, step.learnt, userKind);
    const revealing =
      match !== undefined && (match.action === 'create' || match.action === 'reset')
        ? revealingField(match.kind, step.answer)
        : undefined;
    const given = isPlainObject(step.request.body) ? step.request.body.password : undefined;
    if (match !== undefined && userKind !== undefined) {
      if (match.action === 'delete') this.#secrets.delete(`${userKind} ${match.kind}`);
      if (typeof given === 'string' && (match.action === 'create' || match.action === 'reset')) {
        this.#secrets.set(`${userKind} ${match.kind}`, given);
      }
    }
    if (revealing === undefined || userKind === undefined || match === undefined) {
      this.lines.push(curl, 'echo');
      return;
    }
    this.#count += 1;
    const variable = `SECRET_${this.#count}`;
    this.lines.push(
      `ANSWER=$(${curl})`,
      `printf '%s\\n' "$ANSWER"`,
      `${variable}=$(printf '%s\\n' "$ANSWER" | capture ${revealing})`,
    );
    this.#secrets.set(`${userKind} ${match.kind}`, slot(variable));
  }
}

/**
 * The replay script of a counterexample, one line per entry (a POSIX `sh`
 * script: `curl` and `sed`). `BASE` may be set to aim it elsewhere.
 *
 * @example
 * import { replayScript } from 'credential-lifecycle/testing';
 * replayScript({
 *   baseUrl: 'http://127.0.0.1:8080', clientExtId: 'c1', users: [{ userExtId: 'u1' }],
 *   control: { policies: [], clock: undefined },
 *   tokens: new Map([['u1', 'f00d']]),
 *   steps: [{
 *     description: 'GET /nevisidm/api/core/v1/c1/users/u1/puk as self-admin u1',
 *     request: { method: 'GET', path: '/nevisidm/api/core/v1/c1/users/u1/puk', headers: { 'X-Token': 'f00d' } },
 *     learnt: [],
 *   }],
 * }).at(-2);
 * // `curl -s -i -X GET "$BASE"'/nevisidm/api/core/v1/c1/users/u1/puk' -H 'X-Token: '"$TOKEN_1"`
 */
export const replayScript = (input: ScriptInput): string[] => {
  const w = new ScriptWriter(input.tokens);
  const c = input.clientExtId;
  const control = input.control;
  w.lines.push(
    '#!/bin/sh',
    '# Replays a conformance counterexample of credential-lifecycle (needs curl and sed).',
    `BASE=\${BASE:-${quote(input.baseUrl)}}`,
    `capture() { sed -n "s/.*\\"$1\\" *: *\\"\\([^\\"]*\\)\\".*/\\1/p" | head -n 1; }`,
  );
  const silent = (request: SutRequest) =>
    w.curl(request, [], undefined).replace('curl -s -i', 'curl -s -o /dev/null');
  if (control !== undefined) {
    w.lines.push(silent({ method: 'POST', path: controlPath.reset }));
    if (control.clock !== undefined) {
      w.lines.push(
        silent({
          method: 'PUT',
          path: controlPath.clock,
          body: { now: formatInstant(control.clock) },
        }),
      );
    }
    for (const u of input.users) {
      w.lines.push(
        silent({
          method: 'PUT',
          path: controlPath.user(c, u.userExtId),
          ...(u.loginId === undefined ? {} : { body: { loginId: u.loginId } }),
        }),
      );
    }
    for (const p of control.policies) {
      w.lines.push(
        silent({
          method: 'PUT',
          path: controlPath.policy(c, p.extId),
          body: { type: p.type, default: p.isDefault, parameters: p.parameters },
        }),
      );
    }
  } else {
    for (const u of input.users) {
      for (const kind of credentialKinds) {
        w.lines.push(silent({ method: 'DELETE', path: credentialPath(c, u.userExtId, kind) }));
      }
    }
  }
  for (const [user, token] of input.tokens) {
    const variable = w.tokenVariable(token);
    if (variable === undefined) continue;
    w.lines.push(
      control === undefined
        ? `${variable}=\${${variable}:?set ${variable} to the self-admin token of ${user}}`
        : `${variable}=$(curl -s -X POST "$BASE"${quote(controlPath.token(c, user))} | capture token)`,
    );
  }
  input.steps.forEach((step, i) => {
    w.step(step, String(i + 1));
  });
  const branches = input.branches ?? [];
  if (branches.length > 0) {
    w.lines.push('echo "### the branches, sent concurrently"', 'OUT=$(mktemp -d)');
    branches.forEach((branch, b) => {
      w.lines.push('(');
      branch.forEach((step, i) => {
        w.step(step, `branch ${b + 1}.${i + 1}`);
      });
      w.lines.push(`) > "$OUT/${b + 1}" 2>&1 &`);
    });
    w.lines.push(
      'wait',
      `cat ${branches.map((_, b) => `"$OUT/${b + 1}"`).join(' ')}`,
      'rm -r "$OUT"',
    );
  }
  (input.after ?? []).forEach((step, i) => {
    w.step(step, `after ${i + 1}`);
  });
  return w.lines;
};
