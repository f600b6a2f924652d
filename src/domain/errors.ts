/**
 * The nevis error body and the library's error values. Bad input is reported
 * as data with one entry per problem, never thrown.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js';
import * as t from 'io-ts';

/**
 * Codec for one entry of the error body.
 *
 * @example
 * import { ErrorEntry } from 'credential-lifecycle';
 * ErrorEntry.is({ code: 'errors.noRecord', message: 'no such credential' }); // true
 */
export const ErrorEntry = t.type({ code: t.string, message: t.string }, 'ErrorEntry');

/**
 * One problem: a nevis error code (`errors.<name>`) and a human-readable text.
 *
 * @example
 * import type { ErrorEntry } from 'credential-lifecycle';
 * const e: ErrorEntry = { code: 'errors.noRecord', message: 'no such user' };
 */
export type ErrorEntry = t.TypeOf<typeof ErrorEntry>;

/**
 * Codec for an entry of a 422 for a password the policy refuses: one per
 * violated rule, with the rule's name and nevisAuth's code for it (50 too
 * short, 51 needs digits, 52 needs special characters, also letters and case,
 * 53 recently used or blocked, 54 too long, 55 in the dictionary), which the
 * message names too. Such an entry is also an {@link ErrorEntry}: the
 * {@link ErrorBody} codec decodes the body either way.
 *
 * @example
 * import { PasswordViolationEntry } from 'credential-lifecycle';
 * PasswordViolationEntry.is({
 *   code: 'errors.pwdPolicyViolated',
 *   message: 'minDigits (nevisAuth 51): the password has 0 digits, at least 1 are required',
 *   authCode: 51,
 *   rule: 'minDigits',
 * }); // true
 */
export const PasswordViolationEntry = t.type(
  {
    code: t.literal('errors.pwdPolicyViolated'),
    message: t.string,
    authCode: t.union([
      t.literal(50),
      t.literal(51),
      t.literal(52),
      t.literal(53),
      t.literal(54),
      t.literal(55),
    ]),
    rule: t.string,
  },
  'PasswordViolationEntry',
);

/**
 * One violated password rule in an error body.
 *
 * @example
 * import type { PasswordViolationEntry } from 'credential-lifecycle';
 * const codeOf = (e: PasswordViolationEntry): number => e.authCode;
 */
export type PasswordViolationEntry = t.TypeOf<typeof PasswordViolationEntry>;

/**
 * Codec for the error body `{"errors":[{"code","message"}]}`.
 *
 * @example
 * import { ErrorBody } from 'credential-lifecycle';
 * ErrorBody.is({ errors: [{ code: 'errors.noRecord', message: 'x' }] }); // true
 */
export const ErrorBody = t.type({ errors: t.array(ErrorEntry) }, 'ErrorBody');

/**
 * The error body every failed request answers with.
 *
 * @example
 * import type { ErrorBody } from 'credential-lifecycle';
 * const body: ErrorBody = { errors: [] };
 */
export type ErrorBody = t.TypeOf<typeof ErrorBody>;

/**
 * The error codes this library emits. Codes the Nevis documentation names are
 * used as documented; the others are this project's choice (see
 * `docs/assumptions.md`).
 *
 * @example
 * import { ErrorCode } from 'credential-lifecycle';
 * ErrorCode.noRecord; // 'errors.noRecord'
 */
export const ErrorCode = {
  /** Unknown user or credential (documented). */
  noRecord: 'errors.noRecord',
  /** Stale `version` on PATCH (documented). */
  pessimisticLockingFailure: 'errors.pessimisticLockingFailure',
  /** A second password for the user (documented). */
  passwordExists: 'errors.passwordExists',
  /** A second TSP for the user (documented). */
  tempStrongPasswordExists: 'errors.tempStrongPasswordExists',
  /** A second ticket for the user (documented). */
  ticketExists: 'errors.ticketExists',
  /** A second PUK for the user (model: no PUK code is documented). */
  duplicateValue: 'errors.duplicateValue',
  /** The password violates the policy (documented). */
  pwdPolicyViolated: 'errors.pwdPolicyViolated',
  /** A field is present but its value is not allowed (model). */
  invalidValue: 'errors.invalidValue',
  /** The body is not JSON or not a JSON object (model). */
  malformedRequest: 'errors.malformedRequest',
  /** The caller presented an unknown token (model; the mock server's `X-Token`). */
  unauthorized: 'errors.unauthorized',
  /** The principal lacks a permission (model). */
  forbidden: 'errors.forbidden',
  /** A business rule refuses the operation in the current state (model). */
  operationNotAllowed: 'errors.operationNotAllowed',
  /** The reset limit of the policy is reached (model). */
  maxResetCountReached: 'errors.maxResetCountReached',
  /** A login refused because the credential is tmp- or fail-locked (model). */
  credentialLocked: 'errors.credentialLocked',
  /** A login refused because the credential is disabled or archived (model). */
  credentialDisabled: 'errors.credentialDisabled',
  /** A login refused outside the validity period (model). */
  credentialExpired: 'errors.credentialExpired',
  /** No route matches the path (model). */
  notFound: 'errors.notFound',
  /** The route exists but not for this method (model). */
  methodNotAllowed: 'errors.methodNotAllowed',
  /** The body is not JSON by its content type (model). */
  unsupportedMediaType: 'errors.unsupportedMediaType',
  /** The body is larger than the server accepts (model). */
  payloadTooLarge: 'errors.payloadTooLarge',
  /** The server failed unexpectedly (model). */
  internal: 'errors.internal',
  /** The credential store cannot be reached (model; see `RepositoryUnavailableError`). */
  serviceUnavailable: 'errors.serviceUnavailable',
  /** The server does not implement the request method at all (model; RFC 9110 501). */
  notImplemented: 'errors.notImplemented',
} as const;

/**
 * One of the error codes in {@link ErrorCode}.
 *
 * @example
 * import type { ErrorCodeName } from 'credential-lifecycle';
 * const c: ErrorCodeName = 'errors.noRecord';
 */
export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An HTTP error status the API answers with.
 *
 * @example
 * import type { ErrorStatus } from 'credential-lifecycle';
 * const s: ErrorStatus = 422;
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 500 | 501 | 503;

/**
 * A failed request as a value: the HTTP status and at least one error entry.
 *
 * @example
 * import { apiError } from 'credential-lifecycle';
 * const e = apiError(404, 'errors.noRecord', 'user u1 has no PUK');
 * e.errors[0].code; // 'errors.noRecord'
 */
export interface ApiError {
  readonly status: ErrorStatus;
  readonly errors: ReadonlyNonEmptyArray<ErrorEntry>;
  /** Headers the answer must carry, such as `allow` on a 405 (names in lower case). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Builds an {@link ApiError} with a single entry.
 *
 * @example
 * import { apiError } from 'credential-lifecycle';
 * apiError(409, 'errors.pessimisticLockingFailure', 'version 3 is stale, current is 4');
 * // { status: 409, errors: [{ code: 'errors.pessimisticLockingFailure', message: 'version 3 is stale, current is 4' }] }
 */
export const apiError = (status: ErrorStatus, code: string, message: string): ApiError => ({
  status,
  errors: [{ code, message }],
});

/**
 * The wire body of an {@link ApiError}.
 *
 * @example
 * import { apiError, toErrorBody } from 'credential-lifecycle';
 * toErrorBody(apiError(404, 'errors.noRecord', 'x')); // { errors: [{ code: 'errors.noRecord', message: 'x' }] }
 */
export const toErrorBody = (error: ApiError): ErrorBody => ({ errors: [...error.errors] });

/**
 * The JSON path of a failing value, as `a.b[0].c`; the root is `$`.
 *
 * @example
 * import { pathOf } from 'credential-lifecycle';
 * import * as t from 'io-ts';
 * const r = t.type({ a: t.string }).decode({ a: 1 });
 * if (r._tag === 'Left' && r.left[0]) pathOf(r.left[0].context); // '$.a'
 */
export const pathOf = (context: t.Context): string => {
  let path = '$';
  for (let i = 1; i < context.length; i++) {
    // Union and intersection members receive their parent's own value: such
    // an entry names a member index, not a step into the JSON.
    if (context[i]?.actual === context[i - 1]?.actual) continue;
    // Stryker disable next-line StringLiteral: unreachable, i stays inside the context, whose entries all have a key
    const key = context[i]?.key ?? '';
    path += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  return path;
};

const kindOf = (u: unknown): string =>
  u === null ? 'null' : Array.isArray(u) ? 'array' : u === undefined ? 'nothing' : typeof u;

/** A value an enumeration allows: the keys of `t.keyof`, the value of `t.literal`. */
type EnumValue = string | number | boolean;

/** The values an enumeration codec allows (a union only when all its members are ones). */
const enumValuesOf = (type: unknown): readonly EnumValue[] | undefined => {
  const codec = type as { _tag?: unknown; keys?: object; value?: EnumValue; types?: unknown[] };
  if (codec._tag === 'KeyofType' && codec.keys !== undefined) return Object.keys(codec.keys);
  if (codec._tag === 'LiteralType' && codec.value !== undefined) return [codec.value];
  if (codec._tag === 'UnionType' && codec.types !== undefined) {
    const lists = codec.types.map(enumValuesOf);
    return lists.every((l) => l !== undefined) ? lists.flat() : undefined;
  }
  return undefined;
};

const allowedText = (values: readonly EnumValue[]): string => {
  const shown = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  // Stryker disable next-line StringLiteral: unreachable, shown[0] exists when shown has one entry
  return shown.length === 1 ? (shown[0] ?? '') : `one of ${shown.join(', ')}`;
};

/**
 * What a codec accepts, as an error message says it: the allowed values of an
 * enumeration (`t.keyof`, `t.literal`, or a union of them), else the codec's
 * name.
 *
 * @example
 * import { describeExpected, PolicyType } from 'credential-lifecycle';
 * import * as t from 'io-ts';
 * describeExpected(PolicyType); // "one of 'PwdPolicy', 'TempStrongPasswordPolicy', 'TicketPolicy', 'PUKPolicy'"
 * describeExpected(t.literal(5)); // '5'
 * describeExpected(t.number); // 'number'
 */
export const describeExpected = (type: t.Decoder<unknown, unknown>): string => {
  const values = enumValuesOf(type);
  return values === undefined ? type.name : allowedText(values);
};

/**
 * Turns io-ts validation errors into one error entry per failing path. The
 * message names the path, what was expected (for an enumeration, every
 * allowed value) and the JSON kind of what was found; it never repeats the
 * value itself, so a secret cannot leak into it.
 *
 * @example
 * import { StateName, validationEntries } from 'credential-lifecycle';
 * import * as t from 'io-ts';
 * const r = t.type({ version: t.number }).decode({ version: 'x' });
 * if (r._tag === 'Left') validationEntries(r.left, 'errors.invalidValue');
 * // [{ code: 'errors.invalidValue', message: '$.version: expected number, got string' }]
 * const s = t.type({ stateName: StateName }).decode({ stateName: 'locked' });
 * if (s._tag === 'Left') validationEntries(s.left, 'errors.invalidValue')[0]?.message;
 * // "$.stateName: expected one of 'initial', 'active', 'tmp-locked', 'fail-locked', 'reset-code', 'admin-changed', 'disabled', 'archived', got string"
 */
export const validationEntries = (errors: t.Errors, code: string): ErrorEntry[] => {
  const byPath = new Map<string, { names: Set<string>; values: Set<EnumValue>; found: string }>();
  for (const error of errors) {
    const path = pathOf(error.context);
    const last = error.context[error.context.length - 1];
    const entry = byPath.get(path) ?? {
      names: new Set<string>(),
      values: new Set<EnumValue>(),
      found: kindOf(error.value),
    };
    // Members of a union of enumerations fail one by one: their values are
    // gathered into one list.
    const values = error.message === undefined ? enumValuesOf(last?.type) : undefined;
    if (values !== undefined) for (const v of values) entry.values.add(v);
    // Stryker disable next-line StringLiteral: unreachable, an io-ts error's context always ends in a typed entry
    else entry.names.add(error.message ?? last?.type.name ?? 'a valid value');
    byPath.set(path, entry);
  }
  return [...byPath].map(([path, { names, values, found }]) => {
    const expected = [...names, ...(values.size > 0 ? [allowedText([...values])] : [])];
    return { code, message: `${path}: expected ${expected.join(' or ')}, got ${found}` };
  });
};

/**
 * Whether a value is what a JSON object parses to: an object that is neither
 * `null` nor an array. The test every request body passes before its fields
 * are read.
 *
 * @example
 * import { isPlainObject } from 'credential-lifecycle';
 * isPlainObject({ version: 1 }); // true
 * isPlainObject([1]); // false
 * isPlainObject(null); // false
 */
export const isPlainObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * Decodes a request body of unknown shape. A body that is not a JSON object
 * fails with 400 `errors.malformedRequest`; an object whose fields fail fails
 * with 422 and one `errors.invalidValue` entry per failing field. Never throws.
 *
 * @example
 * import { decodeRequestBody } from 'credential-lifecycle';
 * import * as t from 'io-ts';
 * decodeRequestBody(t.partial({ version: t.number }), 'nope'); // left({ status: 400, … })
 * decodeRequestBody(t.partial({ version: t.number }), { version: 1 }); // right({ version: 1 })
 */
export const decodeRequestBody = <A>(
  codec: t.Decoder<unknown, A>,
  body: unknown,
): E.Either<ApiError, A> => {
  if (!isPlainObject(body)) {
    return E.left(
      apiError(400, ErrorCode.malformedRequest, `$: expected a JSON object, got ${kindOf(body)}`),
    );
  }
  const decoded = codec.decode(body);
  if (E.isRight(decoded)) return decoded;
  const [first, ...rest] = validationEntries(decoded.left, ErrorCode.invalidValue);
  return E.left({
    status: 422,
    errors:
      first === undefined
        ? // Stryker disable next-line StringLiteral: unreachable, an io-ts Left always carries at least one error
          [{ code: ErrorCode.invalidValue, message: '$: invalid' }]
        : [first, ...rest],
  });
};
