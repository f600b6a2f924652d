/**
 * The codec of a saved counterexample (`formatVersion` 1): the run's setup
 * and its commands as data, with the seed and path that found it, the
 * requests and answers, and the replay script. Imports no fast-check, so
 * the failure directory of `credential-lifecycle/server` can name its type.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';
import { CredentialKind } from '../../domain/credential-type.js';
import { IsoInstant } from '../../domain/instant.js';
import { permissions } from '../../operations/principal.js';
import { PolicyType } from '../../policy/policy.js';

const Permission = t.keyof(
  Object.fromEntries(permissions.map((p) => [p, null])) as Record<
    (typeof permissions)[number],
    null
  >,
);

export const CallerCodec = t.union([
  t.type({ _tag: t.literal('admin') }),
  t.type({ _tag: t.literal('restricted'), permissions: t.array(Permission) }),
  t.type({ _tag: t.literal('self'), userExtId: t.string }),
]);

export const BodySpecCodec = t.union([
  t.type({ _tag: t.literal('none') }),
  t.type({ _tag: t.literal('json'), value: t.unknown }),
  t.intersection([
    t.type({
      _tag: t.literal('patch'),
      fields: t.record(t.string, t.unknown),
      version: t.keyof({ absent: null, current: null, stale: null }),
    }),
    t.partial({ validityDays: t.tuple([t.number, t.number]) }),
  ]),
  t.type({ _tag: t.literal('login'), secret: t.string }),
]);

const Action = t.keyof({
  create: null,
  get: null,
  patch: null,
  delete: null,
  reset: null,
  unlock: null,
  login: null,
});

export const SavedCommand = t.union([
  t.type({
    _tag: t.literal('api'),
    userExtId: t.string,
    kind: CredentialKind,
    action: Action,
    caller: CallerCodec,
    body: BodySpecCodec,
    precondition: t.keyof({
      any: null,
      absent: null,
      exists: null,
      'tmp-locked': null,
      'fail-locked': null,
    }),
  }),
  t.type({ _tag: t.literal('clock'), ms: t.number }),
]);

const SavedSetup = t.type({
  clientExtId: t.string,
  users: t.array(
    t.intersection([t.type({ userExtId: t.string }), t.partial({ loginId: t.string })]),
  ),
  ghostUserExtId: t.string,
  policies: t.array(
    t.type({
      extId: t.string,
      type: PolicyType,
      isDefault: t.boolean,
      parameters: t.record(t.string, t.string),
    }),
  ),
  start: IsoInstant,
  clock: t.boolean,
});

/**
 * The codec of a saved failure (`formatVersion` 1).
 *
 * @example
 * import { SavedFailureCodec } from 'credential-lifecycle/testing';
 * SavedFailureCodec.is({}); // false
 */
export const SavedFailureCodec = t.intersection([
  t.type({
    formatVersion: t.literal(1),
    mode: t.keyof({ sequential: null, parallel: null }),
    seed: t.number,
    path: t.string,
    error: t.string,
    setup: SavedSetup,
    commands: t.array(SavedCommand),
    steps: t.array(t.unknown),
    script: t.array(t.string),
  }),
  t.partial({ branches: t.array(t.array(SavedCommand)) }),
]);

/**
 * A shrunk counterexample as a failure store keeps it (JSON).
 *
 * @example
 * import type { SavedFailure } from 'credential-lifecycle/testing';
 * const isParallel = (f: SavedFailure) => f.mode === 'parallel';
 */
export type SavedFailure = t.OutputOf<typeof SavedFailureCodec>;
