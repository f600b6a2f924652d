/**
 * Bad input never crashes the server and always answers with the nevis error
 * body: malformed JSON 400, body over 64 KiB 413, non-JSON content type 415,
 * unknown route 404, wrong method 405; random bytes and random JSON to every
 * POST/PATCH route never produce a 5xx.
 */
import * as net from 'node:net';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { controlPath } from '../../src/mock/paths.js';
import { auth, codesOf, core, useServer } from './support.js';

const { call, server } = useServer({ seed: 5 });

const user = `${core}/c1/users/u1`;
const loginBase = `${auth}/c1/users/u1`;

/** Every POST and PATCH route of the credential API. */
const writeRoutes: readonly (readonly [string, string])[] = [
  ...['password', 'tempstrong-password', 'ticket', 'puk'].flatMap((segment) => [
    ['POST', `${user}/${segment}`] as const,
    ['PATCH', `${user}/${segment}`] as const,
    ['POST', `${user}/${segment}/reset`] as const,
    ['POST', `${loginBase}/${segment}/login`] as const,
  ]),
  ['POST', `${user}/password/unlock`],
];

beforeAll(async () => {
  await call('POST', controlPath.reset);
  await call('PUT', controlPath.user('c1', 'u1'));
  for (const segment of ['tempstrong-password', 'ticket', 'puk']) {
    await call('POST', `${user}/${segment}`, { body: {} });
  }
  await call('POST', `${user}/password`, { body: { password: 'Correct-Horse-42' } });
});

describe('bad input answers with the nevis error body', () => {
  it('malformed JSON is 400', async () => {
    const reply = await call('POST', `${user}/ticket`, { raw: '{"identification":' });
    expect(reply.status).toBe(400);
    expect(codesOf(reply)).toEqual(['errors.malformedRequest']);
  });

  it('a body over 64 KiB is 413, one of exactly 64 KiB is not', async () => {
    const big = await call('POST', `${user}/ticket`, {
      raw: JSON.stringify({ identification: 'x'.repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    expect(codesOf(big)).toEqual(['errors.payloadTooLarge']);
    const padded = `{"identification":"a"}${' '.repeat(65_536 - 22)}`;
    expect(padded.length).toBe(65_536);
    const edge = await call('PATCH', `${user}/ticket`, { raw: padded });
    expect(edge.status).not.toBe(413);
    const huge = await call('POST', `${user}/ticket`, { raw: new Uint8Array(2_000_000) });
    expect(huge.status).toBe(413);
  });

  it('a body with a non-JSON content type is 415', async () => {
    const reply = await call('POST', `${user}/ticket`, {
      raw: 'identification=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reply.status).toBe(415);
    expect(codesOf(reply)).toEqual(['errors.unsupportedMediaType']);
    const vendor = await call('PATCH', `${user}/ticket`, {
      body: { version: 99 },
      headers: { 'content-type': 'application/vnd.nevis+json; charset=utf-8' },
    });
    expect(vendor.status).toBe(409);
  });

  it('an unknown route is 404 and a wrong method 405', async () => {
    const unknown = await call('GET', '/nevisidm/api/core/v1/c1/users/u1/fingerprint');
    expect(unknown.status).toBe(404);
    expect(codesOf(unknown)).toEqual(['errors.notFound']);
    const wrong = await call('PUT', `${user}/password`, { body: {} });
    expect(wrong.status).toBe(405);
    expect(codesOf(wrong)).toEqual(['errors.methodNotAllowed']);
    expect((await call('GET', '/')).status).toBe(404);
    expect((await call('GET', `${core}/c1/users/%E0%A4%A/password`)).status).toBe(404);
  });

  it('a malformed HTTP request gets a 400 error body, and the server goes on', async () => {
    const { port } = server();
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('errors.malformedRequest');
    expect((await call('GET', `${user}/puk`)).status).toBe(200);
  });
});

const sendToEveryRoute = async (raw: Uint8Array | string): Promise<number[]> =>
  Promise.all(
    writeRoutes.map(([method, path]) => call(method, path, { raw }).then((r) => r.status)),
  );

describe('random bodies never produce a 5xx', () => {
  it('1,000 random byte bodies to every POST/PATCH route', async () => {
    const bodies = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 300 }), {
      numRuns: 1_000,
      seed: 20_260_504,
    });
    const statuses = new Set<number>();
    for (let i = 0; i < bodies.length; i += 10) {
      const batch = await Promise.all(bodies.slice(i, i + 10).map(sendToEveryRoute));
      for (const s of batch.flat()) statuses.add(s);
    }
    expect([...statuses].filter((s) => s >= 500)).toEqual([]);
    expect(statuses.has(400)).toBe(true);
    expect((await call('GET', `${user}/puk`)).status).toBe(200);
  }, 120_000);

  it('300 random JSON values to every POST/PATCH route', async () => {
    const bodies = fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 300, seed: 42 });
    const statuses = new Set<number>();
    for (let i = 0; i < bodies.length; i += 10) {
      const batch = await Promise.all(
        bodies.slice(i, i + 10).map((b) => sendToEveryRoute(JSON.stringify(b) ?? 'null')),
      );
      for (const s of batch.flat()) statuses.add(s);
    }
    expect([...statuses].filter((s) => s >= 500)).toEqual([]);
    expect((await call('GET', `${user}/ticket`)).status).toBe(200);
  }, 120_000);
});
