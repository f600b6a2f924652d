/**
 * A server under test over `node:http`/`node:https`, for the command line:
 * the same port as the testing kit's `httpSystem`, with connections under
 * control — `send` over one keep-alive agent, and `connect()` opening a
 * keep-alive agent of its own (one socket) for each branch of a parallel
 * run, so that the branches reach the server over separate connections.
 *
 * @packageDocumentation
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { parseBody } from '../testing/body.js';
import {
  controlOver,
  type SutRequest,
  type SutResponse,
  type SystemUnderTest,
} from '../testing/system.js';

/**
 * A {@link nodeHttpSystem}: a system under test that must be closed (its
 * agents keep their sockets open).
 *
 * @example
 * import type { NodeHttpSystem } from 'credential-lifecycle/server';
 * const done = (s: NodeHttpSystem) => s.close();
 */
export interface NodeHttpSystem extends SystemUnderTest {
  readonly baseUrl: string;
  /** Destroys every agent and its sockets. */
  close(): void;
}

/** How long a request may take before it fails. */
const requestTimeoutMs = 30_000;

/**
 * A server reached over HTTP(S) with Node's own client: requests go to
 * `baseUrl` + path with a JSON body; the control (unless `control: false`)
 * uses the mock control API. Each `connect()` opens a connection of its own.
 * Network errors reject with Node's error (its `code`, e.g. `ECONNREFUSED`).
 *
 * @example
 * import { nodeHttpSystem } from 'credential-lifecycle/server';
 * const system = nodeHttpSystem('http://127.0.0.1:8080');
 * system.connect?.(); // a send over a connection of its own
 * system.close();
 */
export const nodeHttpSystem = (
  baseUrl: string,
  options: { readonly control?: boolean } = {},
): NodeHttpSystem => {
  const base = baseUrl.replace(/\/+$/, '');
  const client = new URL(base).protocol === 'https:' ? https : http;
  const agents: http.Agent[] = [];
  const agent = (maxSockets: number): http.Agent => {
    const a = new client.Agent({ keepAlive: true, maxSockets });
    agents.push(a);
    return a;
  };
  const over =
    (via: http.Agent) =>
    (request: SutRequest): Promise<SutResponse> =>
      new Promise((resolve, reject) => {
        const body = request.body === undefined ? undefined : JSON.stringify(request.body);
        const req = client.request(
          `${base}${request.path}`,
          {
            method: request.method,
            agent: via,
            headers: {
              accept: 'application/json',
              ...(body === undefined
                ? {}
                : {
                    'content-type': 'application/json',
                    'content-length': String(Buffer.byteLength(body)),
                  }),
              ...request.headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
              const headers: Record<string, string> = {};
              for (const [name, value] of Object.entries(res.headers)) {
                if (value !== undefined) {
                  headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
                }
              }
              resolve({
                status: res.statusCode ?? 0,
                headers,
                body: parseBody(Buffer.concat(chunks).toString('utf8')),
              });
            });
          },
        );
        req.setTimeout(requestTimeoutMs, () => {
          req.destroy(
            Object.assign(new Error(`no answer within ${requestTimeoutMs} ms`), {
              code: 'ETIMEDOUT',
            }),
          );
        });
        req.on('error', reject);
        req.end(body);
      });
  const send = over(agent(Number.POSITIVE_INFINITY));
  return {
    send,
    connect: () => over(agent(1)),
    baseUrl: base,
    ...(options.control === false ? {} : { control: controlOver(send) }),
    close: () => {
      for (const a of agents) a.destroy();
    },
  };
};
