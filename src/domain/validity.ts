/**
 * The validity period of a credential.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';
import { IsoInstant } from './instant.js';

/**
 * Codec for `validity {from, to}`: both ends are wire instants.
 *
 * @example
 * import { Validity } from 'credential-lifecycle';
 * Validity.decode({ from: '2026-01-01T00:00:00Z', to: '2036-01-01T00:00:00Z' });
 * // right({ from: 1767225600000, to: 2082758400000 })
 */
export const Validity = t.type({ from: IsoInstant, to: IsoInstant }, 'Validity');

/**
 * A validity period in epoch milliseconds; login is refused outside it.
 *
 * @example
 * import type { Validity } from 'credential-lifecycle';
 * const v: Validity = { from: 0, to: 1_000 };
 */
export type Validity = t.TypeOf<typeof Validity>;
