/**
 * Checks requests and answers against the OpenAPI document with Ajv (JSON
 * Schema 2020-12, the dialect of OpenAPI 3.1), and records which documented
 * answers were seen.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { matchRoute, routeTemplates } from '../../src/index.js';
import {
  bodyOptionalExtension,
  type OpenApiDocument,
  operationIdOf,
} from '../../src/openapi/index.js';
import type { SutRequest, SutResponse } from '../../src/testing/index.js';

// ajv-formats is CommonJS: its default export is the function under ESM too,
// but TypeScript's NodeNext view of it is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface ResponseObject {
  readonly description: string;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly content?: Readonly<Record<string, { readonly schema: unknown }>>;
  readonly [extension: string]: unknown;
}

interface OperationObject {
  readonly operationId: string;
  readonly requestBody?: {
    readonly content: Readonly<Record<string, { readonly schema: unknown }>>;
  };
  readonly responses: Readonly<Record<string, ResponseObject | { readonly $ref: string }>>;
}

/** The `(operationId, status)` pairs a document lists, as `"getPuk 200"`. */
export const documentedAnswers = (document: OpenApiDocument): Set<string> => {
  const answers = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as OperationObject[]) {
      for (const status of Object.keys(operation.responses)) {
        answers.add(`${operation.operationId} ${status}`);
      }
    }
  }
  return answers;
};

/**
 * A checker of traffic against a document: `check` returns the problems of
 * one exchange (empty when it conforms) and records what it saw in `seen`.
 */
export class TrafficChecker {
  readonly seen = new Set<string>();
  /** Exchanges on no documented operation (404 and 405), by status. */
  readonly undocumented = new Map<number, number>();
  readonly #document: OpenApiDocument;
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    this.#document = document;
    // The document is added whole, so its `#/components/…` references resolve;
    // its OpenAPI fields are not JSON Schema keywords, hence strictSchema off.
    this.#ajv = addFormats(new Ajv2020({ allErrors: true, strictSchema: false }));
    this.#ajv.addSchema(document as unknown as object, 'openapi');
  }

  #validator(pointer: string): ValidateFunction {
    let compiled = this.#compiled.get(pointer);
    if (compiled === undefined) {
      compiled = this.#ajv.compile({ $ref: `openapi#${pointer}` });
      this.#compiled.set(pointer, compiled);
    }
    return compiled;
  }

  #errors(pointer: string, value: unknown): string | undefined {
    const validate = this.#validator(pointer);
    return validate(value) ? undefined : this.#ajv.errorsText(validate.errors);
  }

  #resolve(response: ResponseObject | { readonly $ref: string }): {
    response: ResponseObject;
    pointer: string | undefined;
  } {
    if (typeof response.$ref !== 'string') {
      return { response: response as ResponseObject, pointer: undefined };
    }
    const name = response.$ref.replace('#/components/responses/', '');
    const responses = this.#document.components.responses as Record<string, ResponseObject>;
    const resolved = responses[name];
    if (resolved === undefined) throw new Error(`unresolved ${response.$ref}`);
    return { response: resolved, pointer: `/components/responses/${name}` };
  }

  /** The problems of one exchange; none when the document describes it. */
  check(request: SutRequest, answer: SutResponse): string[] {
    const problems: string[] = [];
    const what = `${request.method} ${request.path} → ${answer.status}`;
    const route = matchRoute(request.method, request.path);
    if (route._tag === 'Left') {
      // No operation: the document says these answer 404 or 405 with the error body.
      this.undocumented.set(answer.status, (this.undocumented.get(answer.status) ?? 0) + 1);
      if (answer.status !== 404 && answer.status !== 405) problems.push(`${what}: not 404/405`);
      const bad = this.#errors('/components/schemas/NevisErrorBody', answer.body);
      if (bad !== undefined) problems.push(`${what}: error body ${bad}`);
      return problems;
    }
    const template = routeTemplates().find(
      (t) => t.kind === route.right.kind && t.action === route.right.action,
    );
    if (template === undefined) return [`${what}: no template`];
    const method = template.method.toLowerCase();
    const operation = this.#document.paths[template.path]?.[method] as OperationObject | undefined;
    if (operation === undefined) return [`${what}: the document lacks ${template.path} ${method}`];
    const id = operationIdOf(template);
    const base = `/paths/${template.path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`;

    // The request: an absent body is read as {}.
    let requestProblem: string | undefined;
    if (operation.requestBody !== undefined) {
      requestProblem = this.#errors(
        `${base}/requestBody/content/application~1json/schema`,
        request.body ?? {},
      );
    }
    const status = answer.status;
    if (status >= 200 && status < 300 && requestProblem !== undefined) {
      problems.push(`${what}: the mock accepted a request the document refuses: ${requestProblem}`);
    }
    if (requestProblem !== undefined && status !== 400 && status !== 422 && status < 401) {
      problems.push(`${what}: a request the document refuses was not refused`);
    }

    // The answer.
    const listed = operation.responses[String(status)];
    if (listed === undefined) return [...problems, `${what}: status not documented for ${id}`];
    this.seen.add(`${id} ${status}`);
    const { response, pointer } = this.#resolve(listed);
    const at = pointer ?? `${base}/responses/${status}`;
    const contentType = answer.headers['content-type'];
    if (response.content === undefined) {
      if (answer.body !== undefined) problems.push(`${what}: a body where none is documented`);
    } else if (answer.body === undefined) {
      if (response[bodyOptionalExtension] === true) this.seen.add(`${id} ${status} empty`);
      else problems.push(`${what}: no body where one is documented`);
    } else {
      if (contentType !== 'application/json') problems.push(`${what}: content-type ${contentType}`);
      const bad = this.#errors(`${at}/content/application~1json/schema`, answer.body);
      if (bad !== undefined) problems.push(`${what}: body ${bad}: ${JSON.stringify(answer.body)}`);
    }
    for (const header of Object.keys(response.headers ?? {})) {
      const value = answer.headers[header.toLowerCase()];
      if (value === undefined) {
        problems.push(`${what}: header ${header} missing`);
        continue;
      }
      // Every documented header is a reference into components.headers.
      const bad = this.#errors(`/components/headers/${header}/schema`, value);
      if (bad !== undefined) problems.push(`${what}: header ${header} ${bad}`);
    }
    return problems;
  }
}
