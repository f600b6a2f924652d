/**
 * RFC 9110 over real HTTP, with a raw socket where a client library would
 * refuse to send the request: every 401 carries `WWW-Authenticate`, every 405
 * `Allow`; CONNECT gets the nevis error body (405 with `Allow`, or 404) instead
 * of a dropped connection; a method token Node's parser does not know (also a
 * lower-case one) gets 501 with the nevis error body instead of a bare 400.
 */
import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/domain/errors.js';
import { auth, codesOf, core, useServer } from './support.js';

const { server, call } = useServer({ seed: 1 });
const user = `${core}/c1/users/u1`;

interface RawReply {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: unknown;
  /** Whether the server closed the connection. */
  readonly closed: boolean;
}

/** Sends `text` on a fresh connection and reads one answer, until the server closes or 2 s pass. */
const raw = (text: string): Promise<RawReply> =>
  new Promise((resolve, reject) => {
    const socket = net.connect(server().port, '127.0.0.1', () => socket.write(text));
    let data = '';
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const [head = '', body = ''] = data.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map(
        lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
        }),
      );
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: json, closed });
    };
    const timer = setTimeout(() => done(false), 2_000);
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
    });
    socket.on('close', () => done(true));
    socket.on('error', reject);
  });

/** A request without a body; `close` asks the server to close after answering. */
const request = (method: string, target: string, close = false) =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n${close ? 'Connection: close\r\n' : ''}\r\n`;

describe('CONNECT', () => {
  it('to a known path: 405 with Allow and the nevis body, then the connection closes', async () => {
    await call('PUT', '/__mock/clients/c1/users/u1');
    const reply = await raw(request('CONNECT', `${user}/puk`));
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('POST, GET, PATCH, DELETE');
    expect(ErrorBody.is(reply.body)).toBe(true);
    expect(JSON.stringify(reply.body)).toContain('errors.methodNotAllowed');
    expect(reply.closed).toBe(true);
  });

  it('to an authority (a proxy request): 404 with the nevis body', async () => {
    const reply = await raw(request('CONNECT', 'example.com:443'));
    expect(reply.status).toBe(404);
    expect(JSON.stringify(reply.body)).toContain('errors.notFound');
  });
});

describe('method tokens Node does not parse', () => {
  it.each(['BREW', 'FOO', 'get', 'Post'])(
    '%s: 501 errors.notImplemented, naming the method; the server goes on',
    async (method) => {
      const reply = await raw(request(method, `${user}/puk`));
      expect(reply.status).toBe(501);
      expect(ErrorBody.is(reply.body)).toBe(true);
      expect(JSON.stringify(reply.body)).toContain('errors.notImplemented');
      expect(JSON.stringify(reply.body)).toContain(`method ${method} is not implemented`);
      expect(reply.closed).toBe(true);
      expect((await call('GET', '/__mock/clock')).status).toBe(200);
    },
  );

  it('a method Node knows but no route takes (PROPFIND, QUERY): 405 with Allow', async () => {
    for (const method of ['PROPFIND', 'QUERY', 'OPTIONS']) {
      const reply = await raw(request(method, `${user}/puk/reset`, true));
      expect([method, reply.status, reply.headers.get('allow')]).toEqual([method, 405, 'POST']);
    }
  });
});

describe('headers over HTTP', () => {
  it('every 405 carries Allow, on core, auth and control routes', async () => {
    const core405 = await call('PUT', `${user}/password`, { body: {} });
    expect([core405.status, core405.headers.get('allow')]).toEqual([
      405,
      'POST, GET, PATCH, DELETE',
    ]);
    const auth405 = await call('GET', `${auth}/c1/users/u1/password/login`);
    expect([auth405.status, auth405.headers.get('allow')]).toEqual([405, 'POST']);
    const control405 = await call('POST', '/__mock/clock');
    expect([control405.status, control405.headers.get('allow')]).toEqual([405, 'GET, PUT, DELETE']);
  });

  it('every 401 carries WWW-Authenticate: an unknown X-Token and a refused login', async () => {
    const unknown = await call('GET', `${user}/puk`, { headers: { 'x-token': 'nope' } });
    expect(unknown.status).toBe(401);
    expect(codesOf(unknown)).toEqual(['errors.unauthorized']);
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer realm="nevisidm"');

    await call('PUT', '/__mock/clients/c1/users/u2');
    await call('POST', `${core}/c1/users/u2/password`, {
      body: { password: 'Str0ng!pass', stateName: 'disabled' },
    });
    const refused = await call('POST', `${auth}/c1/users/u2/password/login`, {
      body: { password: 'Str0ng!pass' },
    });
    expect(refused.status).toBe(401);
    expect(codesOf(refused)).toEqual(['errors.credentialDisabled']);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="nevisidm"');
  });
});
