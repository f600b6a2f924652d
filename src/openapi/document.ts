/**
 * The OpenAPI 3.1 document of the mock's credential API, generated from the
 * route table (`routeTemplates`), the operations' answers and the io-ts
 * codecs of the wire model. No public nevisIDM OpenAPI document exists; this
 * one describes the library's own model, as the mock serves it.
 *
 * @packageDocumentation
 */
import type * as t from 'io-ts';
import { typeNameOfKind } from '../domain/credential-type.js';
import { ErrorBody, ErrorCode, ErrorEntry, PasswordViolationEntry } from '../domain/errors.js';
import { authenticationChallenge } from '../operations/answer.js';
import { type RouteTemplate, routeTemplates } from '../operations/route.js';
import { operationAnswers, type SuccessAnswer } from './answers.js';
import { type JsonSchema, type SchemaDirection, schemaOfCodec } from './json-schema.js';

/**
 * An OpenAPI document as a JSON object.
 *
 * @example
 * import { type OpenApiDocument, openApiDocument } from 'credential-lifecycle/mock';
 * const versionOf = (d: OpenApiDocument) => d.openapi;
 * versionOf(openApiDocument()); // '3.1.0'
 */
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: JsonSchema;
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly [part: string]: unknown;
  };
  readonly [field: string]: unknown;
}

/**
 * The extension on a response object whose JSON body may also be absent
 * (a TSP create or reset whose policy shows no part of it answers without a
 * body): `"x-body-optional": true`.
 *
 * @example
 * import { bodyOptionalExtension } from 'credential-lifecycle/mock';
 * bodyOptionalExtension; // 'x-body-optional'
 */
export const bodyOptionalExtension = 'x-body-optional';

const errorBodyName = 'NevisErrorBody';

/** Statuses of refusals, with the text of their response. */
const refusalText: Readonly<Record<number, string>> = {
  400: 'the body is not JSON (`errors.malformedRequest`)',
  401: 'an unknown `X-Token`, or a login refused without being judged: locked, disabled or expired (`WWW-Authenticate` names the scheme)',
  403: 'a permission is missing, or a self-admin acts on data not their own (`errors.forbidden`)',
  404: 'no such user or credential (`errors.noRecord`)',
  409: 'the `version` is stale (`errors.pessimisticLockingFailure`)',
  413: 'the body is over 64 KiB (`errors.payloadTooLarge`)',
  415: 'the body is not JSON by its `Content-Type` (`errors.unsupportedMediaType`)',
  422: 'a field outside its codec, or a rule of the lifecycle or the policy refuses the operation; one entry per problem',
};

const capitalised = (word: string): string => `${word.slice(0, 1).toUpperCase()}${word.slice(1)}`;

/** The summary of an operation, by action. */
const summaryOf = (route: RouteTemplate): string => {
  const type = typeNameOfKind[route.kind];
  const verb = {
    create: 'Create',
    get: 'Read',
    patch: 'Change the state, comment or details of',
    delete: 'Delete',
    reset: 'Reset',
    unlock: 'Unlock',
    login: 'Log in with',
  }[route.action];
  return `${verb} the ${type} of a user`;
};

/**
 * The `operationId` of a route: its action and kind, as in `resetPuk`,
 * `loginTempStrongPassword`.
 *
 * @example
 * import { operationIdOf } from 'credential-lifecycle/mock';
 * operationIdOf({ kind: 'ticket', action: 'get' }); // 'getTicket'
 */
export const operationIdOf = (route: Pick<RouteTemplate, 'kind' | 'action'>): string =>
  `${route.action}${capitalised(route.kind)}`;

/** Named codecs become components; io-ts's generated names (`string`, `{ … }`) stay inline. */
const isComponentName = (name: string): boolean => /^[A-Z][A-Za-z0-9]*$/.test(name);

/**
 * The components of both directions: answers first, then a request schema
 * under the same name, or `…Input` where it differs from the answer's.
 */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  ref(codec: t.Mixed, direction: SchemaDirection): JsonSchema {
    return this.#named(
      codec.name,
      schemaOfCodec(codec, direction, this.#namer(direction)),
      direction,
    );
  }

  #namer(direction: SchemaDirection) {
    return (name: string, schema: JsonSchema): JsonSchema | undefined =>
      isComponentName(name) ? this.#named(name, schema, direction) : undefined;
  }

  #named(name: string, schema: JsonSchema, direction: SchemaDirection): JsonSchema {
    const same = JSON.stringify(this.schemas[name]) === JSON.stringify(schema);
    let key = name;
    if (direction === 'answer') {
      if (this.schemas[name] !== undefined && !same) {
        throw new Error(`two answer schemas named ${name}`);
      }
    } else if (this.schemas[name] !== undefined && !same) {
      key = `${name}Input`;
    }
    this.schemas[key] = schema;
    return { $ref: `#/components/schemas/${key}` };
  }
}

/** The error body: ErrorBody's schema with its entries told apart by their codecs. */
const errorBodySchema = (components: Components): JsonSchema => {
  const plain = schemaOfCodec(ErrorEntry, 'answer');
  const codes = Object.values(ErrorCode).filter((c) => c !== ErrorCode.pwdPolicyViolated);
  components.schemas[ErrorEntry.name] = {
    ...plain,
    properties: {
      ...(plain.properties as Record<string, JsonSchema>),
      code: { type: 'string', enum: codes },
    },
  };
  const violation = components.ref(PasswordViolationEntry, 'answer');
  const body = schemaOfCodec(ErrorBody, 'answer');
  const errors = (body.properties as Record<string, JsonSchema>).errors ?? {};
  return {
    ...body,
    description: 'The nevis error body: one entry per problem.',
    properties: {
      errors: {
        ...errors,
        minItems: 1,
        items: { oneOf: [{ $ref: `#/components/schemas/${ErrorEntry.name}` }, violation] },
      },
    },
  };
};

const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } });

const successResponse = (answer: SuccessAnswer, components: Components) => ({
  description: answer.description,
  ...(answer.location === true
    ? { headers: { Location: { $ref: '#/components/headers/Location' } } }
    : {}),
  ...(answer.body === undefined
    ? {}
    : { content: jsonContent(components.ref(answer.body, 'answer')) }),
  ...(answer.bodyOptional === true ? { [bodyOptionalExtension]: true } : {}),
});

const callerParameters = ['clientExtId', 'userExtId', 'XToken', 'XMockPermissions', 'XMockAdmin'];

const operationOf = (route: RouteTemplate, components: Components) => {
  const answers = operationAnswers(route.kind, route.action);
  if (answers === undefined) throw new Error(`no answers for ${route.action} ${route.kind}`);
  const responses: Record<string, unknown> = {};
  for (const success of answers.success) {
    responses[String(success.status)] = successResponse(success, components);
  }
  for (const status of answers.refusals) {
    responses[String(status)] = { $ref: `#/components/responses/Refusal${status}` };
  }
  return {
    operationId: operationIdOf(route),
    tags: [route.action === 'login' ? 'Login' : typeNameOfKind[route.kind]],
    summary: summaryOf(route),
    parameters: callerParameters.map((name) => ({ $ref: `#/components/parameters/${name}` })),
    ...(answers.request === undefined
      ? {}
      : {
          requestBody: {
            description: 'JSON; an absent body is read as `{}`, unknown fields are ignored',
            required: false,
            content: jsonContent(components.ref(answers.request, 'request')),
          },
        }),
    responses,
  };
};

const headerParameter = (name: string, description: string, schema: JsonSchema) => ({
  name,
  in: 'header',
  required: false,
  description,
  schema,
});

const pathParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description: `${description}, percent-encoded as one path segment`,
  schema: { type: 'string', minLength: 1 },
});

const refusalResponses = (): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(refusalText).map(([status, description]) => [
      `Refusal${status}`,
      {
        description,
        ...(status === '401'
          ? { headers: { 'WWW-Authenticate': { $ref: '#/components/headers/WWW-Authenticate' } } }
          : {}),
        content: jsonContent({ $ref: `#/components/schemas/${errorBodyName}` }),
      },
    ]),
  );

const description = [
  "The credential part of the nevisIDM core v1 REST API (Password, Temporary Strong Password, Ticket, PUK) and its logins, as the mock of `credential-lifecycle` answers it. Generated from the library's route table and io-ts codecs; no public nevisIDM OpenAPI document exists, so this one describes the library's model.",
  '',
  'Every refusal carries the nevis error body. A path the API does not know answers 404 and a known path with another method 405 with `Allow` (both with the error body); a method the HTTP parser does not know answers 501. Answers with a JSON body whose response sets `x-body-optional` may also come without a body.',
  '',
  'The mock control API under `/__mock` (reset, users, policies, the clock, tokens, and this document at `GET /__mock/openapi.json`) is not part of it.',
].join('\n');

/**
 * The OpenAPI 3.1 document of every core and auth route: per operation its
 * request body, each success status with its body and the status of each
 * refusal with the nevis error body; the schemas are the codecs' (answers
 * closed, as the mock writes exactly their fields). Generated anew on each
 * call; the package ships it as `openapi.json`.
 *
 * @example
 * import { openApiDocument } from 'credential-lifecycle/mock';
 * const document = openApiDocument();
 * document.openapi; // '3.1.0'
 * Object.keys(document.paths['/nevisidm/api/core/v1/{clientExtId}/users/{userExtId}/puk/reset'] ?? {}); // ['post']
 */
export const openApiDocument = (): OpenApiDocument => {
  const components = new Components();
  const errorBody = errorBodySchema(components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeTemplates()) {
    const item = paths[route.path] ?? {};
    item[route.method.toLowerCase()] = operationOf(route, components);
    paths[route.path] = item;
  }
  components.schemas[errorBodyName] = errorBody;
  const schemas = Object.fromEntries(
    Object.entries(components.schemas).sort(([a], [b]) => a.localeCompare(b)),
  );
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'nevisIDM credential API (credential-lifecycle mock)',
      version: 'v1',
      description,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:8080', description: '`credential-lifecycle serve`' }],
    tags: [...Object.values(typeNameOfKind), 'Login'].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      responses: refusalResponses(),
      parameters: {
        clientExtId: pathParameter('clientExtId', 'the client'),
        userExtId: pathParameter('userExtId', 'the user'),
        XToken: headerParameter(
          'X-Token',
          'a self-admin token (`POST /__mock/clients/{c}/users/{u}/token`): the call acts as that user on their own data; an unknown one is 401',
          { type: 'string' },
        ),
        XMockPermissions: headerParameter(
          'X-Mock-Permissions',
          'limits an administrator to these comma-separated permissions (`AccessControl.CredentialView`, …); without it every permission',
          { type: 'string' },
        ),
        XMockAdmin: headerParameter(
          'X-Mock-Admin',
          "the administrator's name recorded as `createdBy` and `modifiedBy` (default `admin`)",
          { type: 'string' },
        ),
      },
      headers: {
        Location: {
          description: 'the path of the credential',
          schema: { type: 'string', format: 'uri-reference' },
        },
        'WWW-Authenticate': {
          description: `the challenge, \`${authenticationChallenge}\``,
          schema: { type: 'string', const: authenticationChallenge },
        },
      },
    },
  };
};

/**
 * The document as the file the package ships (`openapi.json`, written by
 * `npm run openapi`): two-space indented JSON with a final newline.
 *
 * @example
 * import { openApiJson } from 'credential-lifecycle/mock';
 * openApiJson().startsWith('{\n  "openapi": "3.1.0"'); // true
 */
export const openApiJson = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;
