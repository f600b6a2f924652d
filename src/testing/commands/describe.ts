/**
 * How a request of a run is shown: a readable one-liner for reports, and a
 * `curl` command line.
 *
 * @packageDocumentation
 */
import { credentialKinds, type Permission } from '../../index.js';
import type { SutRequest } from '../system.js';
import type { Caller } from './model.js';
import { knownSecretPlaceholder } from './secrets.js';

/** The fields that carry a secret: the value field of each kind. */
const secretFields: readonly string[] = credentialKinds;

const shortPermission = (p: Permission): string => p.replace('AccessControl.Credential', '');

const describeCaller = (caller: Caller): string => {
  switch (caller._tag) {
    case 'admin':
      return 'as admin';
    case 'restricted':
      return `as admin with only ${caller.permissions.map(shortPermission).join(',')}`;
    case 'self':
      return `as self-admin ${caller.userExtId}`;
  }
};

const masked = (body: unknown, fields: readonly string[], placeholder: string): unknown => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, fields.includes(k) ? placeholder : v]),
  );
};

/**
 * A readable one-liner of a request: method, path, body and the caller.
 * Without `learnt`, every secret field (`password`, `tempStrongPassword`,
 * `ticket`, `puk`) is shown as `<secret>`, since nothing says where its value
 * came from. With `learnt` (as the conformance commands pass it), the fields
 * named there were learnt from earlier answers and are shown as
 * `<known secret>`; every other value was chosen by the test itself (a
 * deliberately wrong secret, a password from its pool) and is shown as is,
 * so that a counterexample tells a right-secret login from a wrong one.
 *
 * @example
 * import { describeRequest } from 'credential-lifecycle/testing';
 * describeRequest({ method: 'POST', path: '/p', body: { puk: 'x' } }, { _tag: 'admin' });
 * // 'POST /p {"puk":"<secret>"} as admin'
 * describeRequest({ method: 'POST', path: '/p', body: { puk: 'x' } }, { _tag: 'admin' }, ['puk']);
 * // 'POST /p {"puk":"<known secret>"} as admin'
 * describeRequest({ method: 'POST', path: '/p', body: { puk: 'Wrong-Secret-0!' } }, { _tag: 'admin' }, []);
 * // 'POST /p {"puk":"Wrong-Secret-0!"} as admin'
 */
export const describeRequest = (
  request: SutRequest,
  caller: Caller,
  learnt?: readonly string[],
): string =>
  [
    request.method,
    request.path,
    ...(request.body === undefined
      ? []
      : [
          JSON.stringify(
            learnt === undefined
              ? masked(request.body, secretFields, '<secret>')
              : masked(request.body, learnt, knownSecretPlaceholder),
          ),
        ]),
    describeCaller(caller),
  ].join(' ');

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A request as a `curl` command line against a base URL; fields in `hidden`
 * (values learnt from earlier answers) are shown as `<known secret>`, as
 * {@link describeRequest} shows them.
 *
 * @example
 * import { curlOf } from 'credential-lifecycle/testing';
 * curlOf('http://localhost:8080', { method: 'DELETE', path: '/p' });
 * // "curl -i -X DELETE 'http://localhost:8080/p'"
 */
export const curlOf = (
  baseUrl: string,
  request: SutRequest,
  hidden: readonly string[] = [],
): string => {
  const parts = ['curl -i', `-X ${request.method}`, quote(`${baseUrl}${request.path}`)];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    parts.push(`-H ${quote(`${name}: ${value}`)}`);
  }
  if (request.body !== undefined) {
    parts.push(`-H 'Content-Type: application/json'`);
    parts.push(
      `--data ${quote(JSON.stringify(masked(request.body, hidden, knownSecretPlaceholder)))}`,
    );
  }
  return parts.join(' ');
};
