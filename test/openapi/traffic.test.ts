/**
 * The OpenAPI document against real traffic: every request and answer of a
 * 500-run conformance sequence against the mock, and probes over the
 * web-standard handler for what only HTTP answers (400, 413, 415) and for
 * each operation's caller refusals, validated with Ajv. The document must
 * miss nothing the mock answers (every exchange conforms) and allow nothing
 * it does not do (every documented status of every operation is seen).
 */
import { describe, expect, it } from 'vitest';
import { routeTemplates } from '../../src/index.js';
import { type OpenApiDocument, openApiDocument, operationIdOf } from '../../src/openapi/index.js';
import {
  inProcessSystem,
  runConformance,
  type SutRequest,
  type SutResponse,
  type SystemUnderTest,
} from '../../src/testing/index.js';
import { createMockHandler } from '../../src/web/handler.js';
import { documentedAnswers, TrafficChecker } from './support.js';

const document = openApiDocument();

/** A system that hands every exchange to `record` as well. */
const recorded = (
  system: SystemUnderTest,
  record: (request: SutRequest, answer: SutResponse) => void,
): SystemUnderTest => ({
  ...system,
  send: async (request) => {
    const answer = await system.send(request);
    record(request, answer);
    return answer;
  },
});

const checker = new TrafficChecker(document);
const problems: string[] = [];
const exchanges: [SutRequest, SutResponse][] = [];
const check = (request: SutRequest, answer: SutResponse): void => {
  exchanges.push([request, answer]);
  problems.push(...checker.check(request, answer));
};

/** The problems of the recorded traffic against another document. */
const replayAgainst = (other: OpenApiDocument): string[] => {
  const again = new TrafficChecker(other);
  return exchanges.flatMap(([request, answer]) => again.check(request, answer));
};

const schemaOf = (d: OpenApiDocument, name: string): Record<string, unknown> =>
  d.components.schemas[name] as Record<string, unknown>;

/** A request over the web-standard handler, its answer as a system's. */
const overHttp = async (
  handler: (request: Request) => Promise<Response>,
  request: SutRequest & { readonly text?: string; readonly contentType?: string },
): Promise<SutResponse> => {
  const text =
    request.text ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  const response = await handler(
    new Request(`http://idm${request.path}`, {
      method: request.method,
      headers: {
        ...(text === undefined
          ? {}
          : { 'content-type': request.contentType ?? 'application/json' }),
        ...request.headers,
      },
      ...(text === undefined ? {} : { body: text }),
    }),
  );
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = await response.text();
  return { status: response.status, headers, body: body === '' ? undefined : JSON.parse(body) };
};

const concrete = (path: string, user = 'nobody'): string =>
  path.replace('{clientExtId}', 'demo').replace('{userExtId}', user);

describe('the OpenAPI document against the mock', () => {
  it('describes every exchange of a 500-run conformance sequence', async () => {
    const report = await runConformance({
      system: recorded(inProcessSystem({ seed: 3 }), check),
      runs: 500,
      seed: 19,
      clock: true,
      maxCommands: 30,
    });
    expect(report.failures).toBe(0);
    expect(report.commands).toBeGreaterThan(5_000);
    expect(problems.slice(0, 10)).toEqual([]);
  }, 300_000);

  it('describes what only HTTP answers and the caller refusals of every operation', async () => {
    const handler = await createMockHandler({
      seed: 1,
      fixture: { clients: { demo: { users: { alice: {} } } } },
    });
    const exchange = async (
      request: SutRequest & { readonly text?: string; readonly contentType?: string },
    ) => {
      const answer = await overHttp(handler, request);
      check(request, answer);
      return answer;
    };
    for (const route of routeTemplates()) {
      const alice = concrete(route.path, 'alice');
      const id = operationIdOf(route);
      // No such user, an unknown token, no permission at all.
      expect(
        (await exchange({ method: route.method, path: concrete(route.path) })).status,
        id,
      ).toBe(404);
      const unknownToken = { 'x-token': '00000000000000000000000000000000' };
      expect(
        (await exchange({ method: route.method, path: alice, headers: unknownToken })).status,
      ).toBe(401);
      const noPermission = { 'x-mock-permissions': 'none' };
      expect(
        (await exchange({ method: route.method, path: alice, headers: noPermission })).status,
      ).toBe(403);
      if (route.method === 'GET' || route.method === 'DELETE') continue;
      expect((await exchange({ method: route.method, path: alice, text: '{"broken' })).status).toBe(
        400,
      );
      expect(
        (
          await exchange({
            method: route.method,
            path: alice,
            text: 'x',
            contentType: 'text/plain',
          })
        ).status,
      ).toBe(415);
      expect(
        (await exchange({ method: route.method, path: alice, text: `"${'x'.repeat(70_000)}"` }))
          .status,
      ).toBe(413);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('allows nothing the mock does not do: every documented answer was seen', () => {
    const unseen = [...documentedAnswers(document)].filter((a) => !checker.seen.has(a));
    expect(unseen).toEqual([]);
    // Both forms of an answer whose body may be absent were seen.
    expect(checker.seen).toContain('createTempStrongPassword 201 empty');
    expect(checker.seen).toContain('resetTempStrongPassword 204');
  });

  describe('the check fails a document that is wrong about the traffic', () => {
    it('one that misses a status', () => {
      const wrong = structuredClone(document) as OpenApiDocument;
      const patch = wrong.paths['/nevisidm/api/core/v1/{clientExtId}/users/{userExtId}/password']
        ?.patch as {
        responses: Record<string, unknown>;
      };
      delete patch.responses['409'];
      expect(
        replayAgainst(wrong).some((p) => p.includes('status not documented for patchPassword')),
      ).toBe(true);
    });

    it('one that misses a field, or requires one the mock leaves out', () => {
      const missing = structuredClone(document) as OpenApiDocument;
      delete (schemaOf(missing, 'TicketCredential').properties as Record<string, unknown>).context;
      expect(replayAgainst(missing).some((p) => p.includes('additional properties'))).toBe(true);
      const required = structuredClone(document) as OpenApiDocument;
      (schemaOf(required, 'PasswordCredential').required as string[]).push('lastFailedLoginDate');
      expect(
        replayAgainst(required).some((p) =>
          p.includes("must have required property 'lastFailedLoginDate'"),
        ),
      ).toBe(true);
    });

    it('one whose request schema refuses what the mock accepts', () => {
      const narrow = structuredClone(document) as OpenApiDocument;
      Object.assign(schemaOf(narrow, 'CreateTicketRequest'), { additionalProperties: false });
      Object.assign(schemaOf(narrow, 'StateName'), { enum: ['active'] });
      expect(
        replayAgainst(narrow).some((p) =>
          p.includes('the mock accepted a request the document refuses'),
        ),
      ).toBe(true);
    });

    it('one that allows a status the mock never answers', () => {
      const wide = structuredClone(document) as OpenApiDocument;
      const get = wide.paths['/nevisidm/api/core/v1/{clientExtId}/users/{userExtId}/puk']?.get as {
        responses: Record<string, unknown>;
      };
      get.responses['409'] = { $ref: '#/components/responses/Refusal409' };
      expect([...documentedAnswers(wide)].filter((a) => !checker.seen.has(a))).toEqual([
        'getPuk 409',
      ]);
    });
  });
});
