/**
 * `conformance` fails fast on a wrong target: before anything is generated
 * it probes the base URL and ends with exit code 2 and one line naming the
 * cause — a refused connection, a failed DNS lookup, a TLS error, a server
 * that does not answer like nevisIDM — without running or shrinking.
 * Nothing here leaves 127.0.0.1 (`.invalid` names never resolve).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/server/command.js';
import { captureIo } from './support.js';

const conformance = async (baseUrl: string, extra: readonly string[] = []) => {
  const { out, err, io } = captureIo();
  const started = performance.now();
  const code = await runCli(['conformance', '--base-url', baseUrl, '--runs', '50', ...extra], io);
  return { code, out, err, ms: performance.now() - started };
};

/** A plain HTTP server answering every request with `answer`. */
const serverAnswering = (answer: (res: http.ServerResponse) => void) => {
  const handle: { server?: http.Server; url?: string; port?: number } = {};
  beforeAll(async () => {
    const server = http.createServer((_req, res) => answer(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    handle.server = server;
    handle.port = (server.address() as AddressInfo).port;
    handle.url = `http://127.0.0.1:${handle.port}`;
  });
  afterAll(async () => {
    handle.server?.closeAllConnections();
    await new Promise((resolve) => handle.server?.close(resolve));
  });
  return handle;
};

describe('conformance probes its target first', () => {
  it('a refused connection: ECONNREFUSED and the address', async () => {
    const r = await conformance('http://127.0.0.1:1');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'conformance: cannot test http://127.0.0.1:1: ECONNREFUSED 127.0.0.1:1 (connection refused)',
    ]);
    expect(r.out).toEqual([]);
  });

  it('a name that does not resolve: the DNS failure', async () => {
    const r = await conformance('http://idm.conformance.invalid:8080');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'conformance: cannot test http://idm.conformance.invalid:8080: ENOTFOUND idm.conformance.invalid (DNS lookup failed)',
    ]);
  });

  const plain = serverAnswering((res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  it('https:// against a server without TLS: the TLS error', async () => {
    const r = await conformance(`https://127.0.0.1:${plain.port}`);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(
      new RegExp(
        `^conformance: cannot test https://127\\.0\\.0\\.1:${plain.port}: TLS error (EPROTO|ERR_SSL_WRONG_VERSION_NUMBER) \\(wrong version number\\)$`,
      ),
    );
  });

  const html = serverAnswering((res) => {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<html><body><h1>Not Found</h1></body></html>');
  });
  it('a server not shaped like nevisIDM: an HTML 404 on the probe route', async () => {
    const r = await conformance(html.url ?? '');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `conformance: cannot test ${html.url}: GET /nevisidm/api/core/v1/conformance/users/no-such-user/password answered 404 text/html, not the JSON of nevisIDM`,
    ]);
    expect(r.out).toEqual([]);
  });

  const jsonWithoutErrors = serverAnswering((res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"message":"no route"}');
  });
  it('a JSON server without the nevis error body', async () => {
    const probed = await conformance(jsonWithoutErrors.url ?? '');
    expect(probed.code).toBe(2);
    expect(probed.err[0]).toMatch(/answered 404 without the nevis error body/);
  });
});
