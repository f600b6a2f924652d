/**
 * The probe of a target before a conformance run: one request to a route
 * every nevisIDM-compatible server answers (a credential of a user that
 * does not exist), and with the control API one to `/__mock/clock`. A
 * refused connection, a failed DNS lookup, a TLS error or an answer not
 * shaped like nevisIDM (an HTML page, a JSON body without the nevis error
 * body) is reported at once, with its cause, instead of failing every run.
 *
 * @packageDocumentation
 */
import { credentialPath, ErrorBody, isPlainObject } from '../index.js';
import { controlPath } from '../mock/paths.js';
import type { SutResponse, SystemUnderTest } from './system.js';

/**
 * What the probe found: the target answers like nevisIDM, or why not.
 *
 * @example
 * import type { ProbeResult } from 'credential-lifecycle/testing';
 * const line = (p: ProbeResult) => (p.ok ? 'reachable' : p.cause);
 */
export type ProbeResult = { readonly ok: true } | { readonly ok: false; readonly cause: string };

const tlsCode = /^(ERR_SSL_|ERR_TLS_|EPROTO$|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_)/;

/** The `code` of an error or of its cause (fetch wraps the socket's error). */
const errorDetails = (
  error: unknown,
): { code?: string; address?: string; port?: number; hostname?: string; message: string } => {
  const seen: unknown[] = [];
  let e: unknown = error;
  while (typeof e === 'object' && e !== null && !seen.includes(e)) {
    seen.push(e);
    const r = e as Record<string, unknown>;
    if (typeof r.code === 'string') {
      return {
        code: r.code,
        ...(typeof r.address === 'string' ? { address: r.address } : {}),
        ...(typeof r.port === 'number' ? { port: r.port } : {}),
        ...(typeof r.hostname === 'string' ? { hostname: r.hostname } : {}),
        message: typeof r.message === 'string' ? r.message : String(e),
      };
    }
    e = r.cause;
  }
  return { message: error instanceof Error ? error.message : String(error) };
};

/**
 * The cause of a failed request, in one line: the error code with the
 * address it concerns and what it means (`ECONNREFUSED 127.0.0.1:1
 * (connection refused)`, `ENOTFOUND idm.invalid (DNS lookup failed)`, a TLS
 * error), or the message.
 *
 * @example
 * import { networkCause } from 'credential-lifecycle/testing';
 * networkCause({ code: 'ECONNREFUSED', address: '127.0.0.1', port: 1, message: 'connect ECONNREFUSED' });
 * // 'ECONNREFUSED 127.0.0.1:1 (connection refused)'
 */
export const networkCause = (error: unknown): string => {
  const d = errorDetails(error);
  const code = d.code;
  if (code === undefined) return d.message;
  const where =
    d.address !== undefined
      ? ` ${d.address}${d.port === undefined ? '' : `:${d.port}`}`
      : d.hostname !== undefined
        ? ` ${d.hostname}`
        : '';
  if (code === 'ECONNREFUSED') return `ECONNREFUSED${where} (connection refused)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = where || ` ${/ENOTFOUND (\S+)/.exec(d.message)?.[1] ?? ''}`;
    return `${code}${host.trimEnd()} (DNS lookup failed)`;
  }
  if (tlsCode.test(code)) {
    // OpenSSL's message: `…:SSL routines:<function>:<reason>:<file>…`.
    const reason = /SSL routines:[^:]*:([^:]+)/.exec(d.message)?.[1];
    return `TLS error ${code}${reason === undefined ? '' : ` (${reason})`}`;
  }
  return `${code}${where}`;
};

/** Why an answer is not shaped like nevisIDM's (a JSON object), if it is not. */
const shapeProblem = (what: string, answer: SutResponse): string | undefined => {
  const type = answer.headers['content-type'];
  if ((type === undefined || /json/i.test(type)) && isPlainObject(answer.body)) return undefined;
  const shown = type === undefined ? 'a body that is not a JSON object' : type.split(';')[0];
  return `${what} answered ${answer.status} ${shown}, not the JSON of nevisIDM`;
};

/**
 * Probes a target: `GET` of the password of a user that does not exist
 * (nevisIDM answers with its JSON error body), and with `control` the
 * mock's clock. Never throws.
 *
 * @example
 * import { inProcessSystem, probeTarget } from 'credential-lifecycle/testing';
 * await probeTarget(inProcessSystem(), { clientExtId: 'c1', ghostUserExtId: 'nobody', control: true });
 * // { ok: true }
 */
export const probeTarget = async (
  system: SystemUnderTest,
  options: {
    readonly clientExtId: string;
    readonly ghostUserExtId: string;
    readonly control: boolean;
  },
): Promise<ProbeResult> => {
  const path = credentialPath(options.clientExtId, options.ghostUserExtId, 'password');
  let answer: SutResponse;
  try {
    answer = await system.send({ method: 'GET', path });
  } catch (error) {
    return { ok: false, cause: networkCause(error) };
  }
  const shape = shapeProblem(`GET ${path}`, answer);
  if (shape !== undefined) return { ok: false, cause: shape };
  if (answer.status >= 300 && !ErrorBody.is(answer.body)) {
    return {
      ok: false,
      cause: `GET ${path} answered ${answer.status} without the nevis error body {"errors":[…]}`,
    };
  }
  if (!options.control) return { ok: true };
  let clock: SutResponse;
  try {
    clock = await system.send({ method: 'GET', path: controlPath.clock });
  } catch (error) {
    return { ok: false, cause: networkCause(error) };
  }
  if (clock.status !== 200 || !isPlainObject(clock.body) || !('now' in clock.body)) {
    return {
      ok: false,
      cause: `GET ${controlPath.clock} answered ${clock.status}: the server has no /__mock control API (give a --setup for such a server)`,
    };
  }
  return { ok: true };
};
