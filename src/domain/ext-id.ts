/**
 * External IDs: the caller-visible identifiers of credentials, users and
 * policies.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';

/**
 * The shape of an external ID: one or more ASCII letters, digits or the
 * punctuation `-@./_:()\{}[]=!~+` (a schema's `pattern` is its `source`).
 *
 * @example
 * import { extIdPattern } from 'credential-lifecycle';
 * extIdPattern.test('cred-1@example.com'); // true
 * extIdPattern.test(''); // false
 */
export const extIdPattern = /^[A-Za-z0-9\-@./_:()\\{}[\]=!~+]+$/;

const EXT_ID = extIdPattern;

/**
 * What a well-formed external ID is, as error messages state it.
 *
 * @example
 * import { extIdExpectation } from 'credential-lifecycle';
 * extIdExpectation; // 'a non-empty external ID of letters, digits and -@./_:()\\{}[]=!~+'
 */
export const extIdExpectation = 'a non-empty external ID of letters, digits and -@./_:()\\{}[]=!~+';

/**
 * Whether a value is a well-formed external ID: a non-empty string of ASCII
 * letters, digits and the characters `-@./_:()\{}[]=!~+`.
 *
 * @example
 * import { isExtId } from 'credential-lifecycle';
 * isExtId('cred-1@example.com'); // true
 * isExtId('has space'); // false
 */
export const isExtId = (u: unknown): u is string => typeof u === 'string' && EXT_ID.test(u);

/**
 * Codec for external IDs (`extId`, `userExtId`, `policyExtId`). The static
 * type stays `string`; the codec only refuses malformed ones.
 *
 * @example
 * import { ExtId } from 'credential-lifecycle';
 * ExtId.decode('ticket-7'); // right('ticket-7')
 * ExtId.decode(''); // left([...])
 */
export const ExtId: t.Type<string, string, unknown> = new t.Type<string, string, unknown>(
  'ExtId',
  isExtId,
  (u, c) => (isExtId(u) ? t.success(u) : t.failure(u, c, extIdExpectation)),
  t.identity,
);
