/**
 * The eight stored credential states and the reasons recorded for a change.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';

/**
 * Codec for the eight stored credential states. Unknown names are rejected.
 *
 * @example
 * import { StateName } from 'credential-lifecycle';
 * StateName.is('tmp-locked'); // true
 * StateName.is('locked'); // false
 */
export const StateName = t.keyof(
  {
    initial: null,
    active: null,
    'tmp-locked': null,
    'fail-locked': null,
    'reset-code': null,
    'admin-changed': null,
    disabled: null,
    archived: null,
  },
  'StateName',
);

/**
 * One of the eight stored credential states.
 *
 * @example
 * import type { StateName } from 'credential-lifecycle';
 * const s: StateName = 'fail-locked';
 */
export type StateName = t.TypeOf<typeof StateName>;

/**
 * The eight state names in the order the API documentation lists them.
 *
 * @example
 * import { stateNames } from 'credential-lifecycle';
 * stateNames.length; // 8
 */
export const stateNames: readonly StateName[] = Object.keys(StateName.keys) as StateName[];

/**
 * Codec for the fifteen reasons nevisIDM records when a credential changes state.
 *
 * @example
 * import { StateChangeReason } from 'credential-lifecycle';
 * StateChangeReason.is('too-many-login-failures'); // true
 */
export const StateChangeReason = t.keyof(
  {
    'customized-reason-code': null,
    initialized: null,
    activated: null,
    'too-many-login-failures': null,
    'reset-by-admin': null,
    'changed-by-admin': null,
    'changed-by-user': null,
    'logged-in-with-strong-cred': null,
    'cert-uploaded': null,
    'policy-check-failed': null,
    renewal: null,
    reset: null,
    'cert-revoked': null,
    unlock: null,
    'changed-by-batchjob': null,
  },
  'StateChangeReason',
);

/**
 * Why a credential last changed state.
 *
 * @example
 * import type { StateChangeReason } from 'credential-lifecycle';
 * const r: StateChangeReason = 'unlock';
 */
export type StateChangeReason = t.TypeOf<typeof StateChangeReason>;

/**
 * All fifteen state-change reasons.
 *
 * @example
 * import { stateChangeReasons } from 'credential-lifecycle';
 * stateChangeReasons.includes('reset'); // true
 */
export const stateChangeReasons: readonly StateChangeReason[] = Object.keys(
  StateChangeReason.keys,
) as StateChangeReason[];
