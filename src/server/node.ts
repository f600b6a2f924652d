/**
 * The Node server: `node:http` straight over the core handler, with one
 * structured log line per request.
 *
 * @packageDocumentation
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { apiError, ErrorCode } from '../domain/errors.js';
import type { MockStore } from '../mock/store.js';
import {
  type CoreResponse,
  errorResponse,
  internalError,
  MockServer,
  maxBodyBytes,
  payloadTooLarge,
} from '../web/server.js';

/**
 * How to start the Node server.
 *
 * @example
 * import type { NodeServerOptions } from 'credential-lifecycle/server';
 * const options: NodeServerOptions = { host: '127.0.0.1', port: 0, log: undefined };
 */
export interface NodeServerOptions {
  /** The mock to serve (default: a new, empty one in memory). */
  readonly mock?: MockServer<MockStore>;
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  /** Receives one JSON log line per request; `undefined` logs nothing. */
  readonly log?: ((line: string) => void) | undefined;
}

/**
 * A started server: where it listens, its mock, and how to stop it.
 *
 * @example
 * import type { RunningServer } from 'credential-lifecycle/server';
 * const stop = (server: RunningServer) => server.close();
 */
export interface RunningServer {
  /** `http://host:port`, with a wildcard host shown as `127.0.0.1`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly mock: MockServer<MockStore>;
  /** Stops accepting connections, closes open ones and resolves when done. */
  close(): Promise<void>;
}

/**
 * The log line of one request: JSON with time, method, path (without the
 * query string), status and duration. Never a body or a header.
 *
 * @example
 * import { logLine } from 'credential-lifecycle/server';
 * JSON.parse(logLine('GET', '/x?token=secret', 404, 0.5)).path; // '/x'
 */
export const logLine = (method: string, path: string, status: number, durationMs: number): string =>
  JSON.stringify({
    time: new Date().toISOString(),
    method: method.slice(0, 20),
    path: (path.split('?', 1)[0] ?? '').slice(0, 300),
    status,
    durationMs: Math.round(durationMs * 100) / 100,
  });

/** Bodies larger than this are not even drained: the connection is dropped. */
/** An oversized body is read (and dropped) up to 16 MiB, so the 413 can be sent; beyond that the connection is closed. */
const drainLimit = 256 * maxBodyBytes;

/** HTTP/1.1 has a body only with a non-zero Content-Length or a Transfer-Encoding. */
const announcesBody = (req: http.IncomingMessage): boolean => {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
};

const send = (res: http.ServerResponse, response: CoreResponse): void => {
  const body = response.bodyText;
  res.writeHead(
    response.status,
    body === undefined
      ? response.headers
      : { ...response.headers, 'content-length': Buffer.byteLength(body) },
  );
  res.end(body);
};

/**
 * A response as raw HTTP/1.1 text, for a socket Node's parser has handed over
 * (a malformed request, or CONNECT): it closes the connection.
 */
const rawResponse = (response: CoreResponse): string => {
  const body = response.bodyText ?? '';
  const headers = {
    ...response.headers,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${response.status} ${http.STATUS_CODES[response.status] ?? ''}\r\n${lines.join('')}\r\n${body}`;
};

/** A well-formed request line: a method token (RFC 9110 §5.6.2), a target and the version. */
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) \S+ HTTP\/\d\.\d\r?\n/;

/**
 * The answer to a request Node's parser rejected: 501 for a well-formed
 * request line whose method it does not know (any token but its fixed list of
 * upper-case methods, so also `get`), 400 for anything else.
 */
const parserRejection = (error: Error & { code?: string; rawPacket?: unknown }): CoreResponse => {
  const packet = error.rawPacket instanceof Buffer ? error.rawPacket.toString('latin1') : '';
  const token = REQUEST_LINE.exec(packet)?.[1];
  if (error.code !== 'HPE_INVALID_METHOD' || token === undefined) {
    return errorResponse(apiError(400, ErrorCode.malformedRequest, 'malformed HTTP request'));
  }
  const method = token.slice(0, 20);
  return errorResponse(
    apiError(
      501,
      ErrorCode.notImplemented,
      `method ${method} is not implemented; methods are case-sensitive: GET, POST, PATCH, PUT, DELETE`,
    ),
  );
};

/**
 * The `node:http` request listener of a mock: reads the body (at most
 * 64 KiB, larger bodies are drained and answered 413), hands plain data to
 * the core and writes its answer once the core resolves it.
 *
 * @example
 * import * as http from 'node:http';
 * import { MockServer, nodeListener } from 'credential-lifecycle/server';
 * const server = http.createServer(nodeListener(new MockServer(), undefined));
 * await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
 * const { port } = server.address() as import('node:net').AddressInfo;
 * (await fetch(`http://127.0.0.1:${port}/nevisidm/api/core/v1/demo/users/nobody/puk`)).status; // 404
 * server.close();
 */
export const nodeListener =
  (
    mock: MockServer<MockStore>,
    log: ((line: string) => void) | undefined,
  ): ((req: http.IncomingMessage, res: http.ServerResponse) => void) =>
  (req, res) => {
    const started = log === undefined ? 0 : performance.now();
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const finish = (response: CoreResponse): void => {
      try {
        send(res, response);
      } catch {
        if (!res.headersSent) send(res, internalError());
        else res.destroy();
      }
      log?.(logLine(method, path, response.status, performance.now() - started));
    };
    if (!announcesBody(req)) {
      // Nothing more will arrive: answer now and let the empty stream drain,
      // instead of waiting a tick for 'end' (a 'data' listener alone cost
      // about 20 µs per request).
      req.resume();
      void mock.handle({ method, path, headers: req.headers, bodyText: undefined }).then(finish);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
      else if (size > drainLimit) req.destroy();
    });
    req.on('error', () => {
      if (!res.headersSent) res.destroy();
    });
    req.on('end', () => {
      if (size > maxBodyBytes) {
        finish(payloadTooLarge());
        return;
      }
      void mock
        .handle({
          method,
          path,
          headers: req.headers,
          bodyText: Buffer.concat(chunks, size).toString('utf8'),
        })
        .then(finish);
    });
  };

/**
 * Starts the mock on `node:http`. Resolves once it listens.
 *
 * @example
 * ```ts
 * import { controlPath, startNodeServer } from 'credential-lifecycle/server';
 * const server = await startNodeServer({ port: 0, log: undefined });
 * (await fetch(`${server.url}${controlPath.reset}`, { method: 'POST' })).status; // 204
 * await server.close();
 * ```
 */
export const startNodeServer = (options: NodeServerOptions = {}): Promise<RunningServer> => {
  const mock = options.mock ?? new MockServer();
  const log = options.log;
  const server = http.createServer(nodeListener(mock, log));
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end(rawResponse(parserRejection(error)));
    else socket.destroy();
  });
  // Node hands CONNECT over as a tunnel; the mock answers it like any other
  // method its routes do not take (405 with Allow, or 404) and closes.
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    const started = log === undefined ? 0 : performance.now();
    const method = req.method ?? 'CONNECT';
    const path = req.url ?? '/';
    void mock
      .handle({ method, path, headers: req.headers, bodyText: undefined })
      .then((response) => {
        socket.end(rawResponse(response));
        log?.(logLine(method, path, response.status, performance.now() - started));
      });
  });
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      const urlHost = shownHost.includes(':') ? `[${shownHost}]` : shownHost;
      resolve({
        url: `http://${urlHost}:${port}`,
        host,
        port,
        mock,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
};
