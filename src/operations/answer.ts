/**
 * The HTTP answer an operation produces, independent of any server.
 *
 * @packageDocumentation
 */
import { type ApiError, toErrorBody } from '../domain/errors.js';

/**
 * A JSON value as it goes on the wire.
 *
 * @example
 * import type { Json } from 'credential-lifecycle';
 * const j: Json = { statusCode: 5, description: 'ok' };
 */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;

/**
 * A JSON object, such as a credential resource.
 *
 * @example
 * import type { JsonObject } from 'credential-lifecycle';
 * const o: JsonObject = { stateName: 'active', version: 3 };
 */
export type JsonObject = { readonly [key: string]: Json };

/**
 * Status, headers and optional JSON body of an answer.
 *
 * @example
 * import type { HttpAnswer } from 'credential-lifecycle';
 * const noContent: HttpAnswer = { status: 204, headers: {} };
 */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Json;
}

/**
 * The answer for a failed request: its status and the nevis error body.
 *
 * @example
 * import { apiError, errorAnswer } from 'credential-lifecycle';
 * errorAnswer(apiError(404, 'errors.noRecord', 'no such user')).status; // 404
 */
export const errorAnswer = (error: ApiError): HttpAnswer => ({
  status: error.status,
  headers: errorHeaders(error),
  body: toErrorBody(error),
});

/**
 * The challenge every 401 answer carries in `WWW-Authenticate` (RFC 9110
 * §11.6.1) unless its error names another.
 *
 * @example
 * import { authenticationChallenge } from 'credential-lifecycle';
 * authenticationChallenge; // 'Bearer realm="nevisidm"'
 */
export const authenticationChallenge = 'Bearer realm="nevisidm"';

/**
 * The headers of an error answer: JSON, the error's own headers (such as
 * `allow` on a 405), and on a 401 the `www-authenticate` challenge.
 *
 * @example
 * import { apiError, errorHeaders } from 'credential-lifecycle';
 * errorHeaders(apiError(401, 'errors.unauthorized', 'unknown X-Token'))['www-authenticate'];
 * // 'Bearer realm="nevisidm"'
 */
export const errorHeaders = (error: ApiError): Readonly<Record<string, string>> => ({
  ...(error.status === 401 ? { 'www-authenticate': authenticationChallenge } : {}),
  ...error.headers,
  'content-type': 'application/json',
});

/**
 * A JSON answer with the given status.
 *
 * @example
 * import { jsonAnswer } from 'credential-lifecycle';
 * jsonAnswer(200, { statusCode: 5, description: 'ok' }).headers['content-type']; // 'application/json'
 */
export const jsonAnswer = (
  status: number,
  body: Json,
  headers: Readonly<Record<string, string>> = {},
): HttpAnswer => ({ status, headers: { ...headers, 'content-type': 'application/json' }, body });

/**
 * An answer without a body.
 *
 * @example
 * import { emptyAnswer } from 'credential-lifecycle';
 * emptyAnswer(204).body; // undefined
 */
export const emptyAnswer = (
  status: number,
  headers: Readonly<Record<string, string>> = {},
): HttpAnswer => ({ status, headers });
