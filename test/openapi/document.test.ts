/**
 * The generated OpenAPI document: a valid OpenAPI 3.1 document by
 * `@readme/openapi-parser`, the committed `openapi.json` is the one the code
 * generates, it lists exactly the routes the router knows, its schemas are
 * the codecs', and the mock serves it at `GET /__mock/openapi.json`, in
 * process and over HTTP.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  ErrorCode,
  LoginResponse,
  matchRoute,
  PatchTicketRequest,
  routeTemplates,
  TicketCredential,
} from '../../src/index.js';
import { controlPath } from '../../src/mock/paths.js';
import {
  openApiDocument,
  openApiJson,
  operationAnswers,
  operationIdOf,
  schemaOfCodec,
} from '../../src/openapi/index.js';
import { inProcessSystem } from '../../src/testing/index.js';
import { repoRoot } from '../docs/snippets.js';
import { useServer } from '../server/support.js';

const document = openApiDocument();
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for @readme/openapi-parser', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.specification).toBe('OpenAPI');
    expect(result.warnings).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
    // …and it would say so of a broken one: a response without its description.
    const broken = structuredClone(document) as unknown as {
      components: { responses: Record<string, object> };
    };
    broken.components.responses.Refusal404 = { content: {} };
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('the committed openapi.json is current (`npm run openapi` writes it)', () => {
    const committed = fs.readFileSync(path.join(repoRoot, 'openapi.json'), 'utf8');
    expect(committed === openApiJson(), 'openapi.json is stale: run `npm run openapi`').toBe(true);
  });

  it('the package ships openapi.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(manifest.files).toContain('openapi.json');
    expect(manifest.exports['./openapi.json']).toBe('./openapi.json');
  });

  it('lists every route the router knows, and only those', () => {
    const listed = Object.entries(document.paths).flatMap(([p, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`),
    );
    const routes = routeTemplates();
    expect(listed.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    // 4 kinds × (create, get, patch, delete, reset, login) + the password's unlock.
    expect(routes).toHaveLength(25);
    for (const route of routes) {
      const concrete = route.path.replace('{clientExtId}', 'c1').replace('{userExtId}', 'u1');
      expect(matchRoute(route.method, concrete)).toEqual({
        _tag: 'Right',
        right: { kind: route.kind, action: route.action, clientExtId: 'c1', userExtId: 'u1' },
      });
      const operation = document.paths[route.path]?.[route.method.toLowerCase()] as {
        operationId: string;
        responses: Record<string, unknown>;
      };
      expect(operation.operationId).toBe(operationIdOf(route));
      const answers = operationAnswers(route.kind, route.action);
      expect(Object.keys(operation.responses).map(Number).sort()).toEqual(
        [...(answers?.success.map((s) => s.status) ?? []), ...(answers?.refusals ?? [])].sort(),
      );
    }
  });

  it('takes its schemas from the codecs: closed answers, open requests', () => {
    const ticket = schemaOfCodec(TicketCredential, 'answer');
    expect(ticket.additionalProperties).toBe(false);
    expect(ticket.required).toEqual([
      'created',
      'lastModified',
      'version',
      'extId',
      'userExtId',
      'stateName',
      'successfulLoginCount',
      'failedLoginCount',
      'resetCount',
      'type',
    ]);
    expect(Object.keys(ticket.properties as object)).toContain('identification');
    const patch = schemaOfCodec(PatchTicketRequest, 'request');
    expect(patch.additionalProperties).toBeUndefined();
    expect(patch.required).toBeUndefined();
    expect(schemaOfCodec(LoginResponse, 'answer').properties).toMatchObject({
      statusCode: { enum: [5, 2, 3, 4, 9] },
    });
  });

  it('instants: every ISO-8601 form the decoders read in requests, the one written form in answers', () => {
    const ajv = addFormats(new Ajv2020({ strictSchema: false }));
    const written = ajv.compile(document.components.schemas.IsoInstant as object);
    const accepted = ajv.compile(document.components.schemas.IsoInstantInput as object);
    for (const form of [
      '2026-05-04T12:34:56Z',
      '2026-124T12:34+02:00',
      '20260504T1234Z',
      '2026-W19-1T12z',
    ]) {
      expect(accepted(form), form).toBe(true);
    }
    for (const form of [
      '2026-05-04T12:34:56',
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-05-04T24:00Z',
      '2026-367T00Z',
    ]) {
      expect(accepted(form), form).toBe(false);
    }
    expect(written('2026-05-04T12:34:56Z')).toBe(true);
    expect(written('2026-05-04T12:34:56.5Z')).toBe(false);
    expect(written('2026-05-04T14:34:56+02:00')).toBe(false);
  });

  it('the error body names every code the library emits', () => {
    const entry = document.components.schemas.ErrorEntry as {
      properties: { code: { enum: string[] } };
    };
    expect([...entry.properties.code.enum, ErrorCode.pwdPolicyViolated].sort()).toEqual(
      Object.values(ErrorCode).sort(),
    );
  });
});

describe('GET /__mock/openapi.json', () => {
  it('in process', async () => {
    const answer = await inProcessSystem().send({ method: 'GET', path: controlPath.openapi });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.body).toEqual(JSON.parse(openApiJson()));
  });

  const { call } = useServer();
  it('over HTTP, and other methods are 405', async () => {
    const reply = await call('GET', controlPath.openapi);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(JSON.stringify(document));
    const put = await call('PUT', controlPath.openapi, { body: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET');
  });
});
