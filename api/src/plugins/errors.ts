import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  ConnectionError,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import fp from 'fastify-plugin';
import { Neo4jError } from 'neo4j-driver';
import { ErrorSchema } from '../../../graph-schema/index.ts';
import { DatabaseUnavailableError } from '../db/database.ts';
import { AppError, errors } from '../errors.ts';

interface AjvIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Ajv's findings as `{path, message}`, naming the offending property or the allowed values. */
function validationDetails(issues: AjvIssue[], context: string) {
  return issues.map((issue) => {
    const params = issue.params ?? {};
    let path = `${context}${issue.instancePath ?? ''}`;
    let message = issue.message ?? 'is not valid';
    if (issue.keyword === 'additionalProperties') {
      path = `${path}/${String(params.additionalProperty)}`;
      message = 'is not a known field';
    } else if (issue.keyword === 'required') {
      path = `${path}/${String(params.missingProperty)}`;
      message = 'is required';
    } else if (issue.keyword === 'enum') {
      message = `must be one of: ${(params.allowedValues as string[]).join(', ')}`;
    }
    return { path, message, keyword: issue.keyword, params };
  });
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

interface EdgeError {
  status: number;
  code: string;
  message: string;
}

/**
 * Our code and wording for each Fastify error a request can meet. Fastify's own codes
 * (`FST_ERR_*`) are internal names that may change between versions, so none leaves the API.
 */
const FASTIFY_ERRORS: Record<string, EdgeError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    message: 'The request body is too large (at most 1 MB; 8 MB for a map layout).',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Send the request body as JSON, with Content-Type: application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'invalid_content_length',
    message: 'Content-Length does not match the body that was sent.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'empty_body',
    message: 'The body is empty, but Content-Type says it is JSON.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    message: 'The body is not valid JSON.',
  },
  FST_ERR_ROUTE_MISSING_CONTENT_TYPE: {
    status: 400,
    code: 'missing_content_type',
    message: 'This request needs a Content-Type header.',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'bad_url', message: 'The URL is not valid.' },
  FST_ERR_INVALID_URL: { status: 400, code: 'bad_url', message: 'The URL is not valid.' },
  FST_ERR_NOT_FOUND: { status: 404, code: 'route_not_found', message: 'No such route.' },
};

/** A stable code for any other client error, by its status. */
const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  411: 'length_required',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  421: 'misdirected_request',
  429: 'rate_limited',
  431: 'header_too_large',
  501: 'method_not_implemented',
};

const codeForStatus = (status: number) => CODES_BY_STATUS[status] ?? 'bad_request';

/**
 * Errors Node's HTTP parser raises before Fastify sees a request: no route, no reply, only the
 * socket. `llhttp` names them `HPE_*`; Node adds the request timeout.
 */
function parserError(code: string | undefined, rawPacket: Buffer | undefined): EdgeError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'header_too_large',
        message: 'The request headers are too large.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        code: 'request_timeout',
        message: 'The request did not arrive in time.',
      };
    case 'HPE_INVALID_METHOD':
      // A well-formed request line with a method nobody here knows (RFC 9110 §9.1: 501);
      // a line that is no request line at all is a plain bad request.
      if (!REQUEST_LINE.test(rawPacket?.toString('latin1') ?? '')) break;
      return {
        status: 501,
        code: 'method_not_implemented',
        message: 'This server does not know that request method.',
      };
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return {
        status: 400,
        code: 'invalid_content_length',
        message: 'The Content-Length header is not valid.',
      };
  }
  return { status: 400, code: 'bad_request', message: 'The request could not be parsed as HTTP.' };
}

/** `METHOD target HTTP/1.x`, the method a token as RFC 9110 §5.6.2 defines it. */
const REQUEST_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ \S+ HTTP\/1\.[01]\r\n/;

/**
 * Fastify's `clientErrorHandler`: a request Node could not parse (a malformed request line, a
 * bad Content-Length, headers too large, a request that timed out) still gets our error shape,
 * then the connection is closed, as Node does by default.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: ConnectionError,
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // Node hands over the bytes it could not parse as a Buffer (the type says otherwise).
  const packet: unknown = error.rawPacket;
  const { status, code, message } = parserError(
    error.code,
    Buffer.isBuffer(packet) ? packet : undefined,
  );
  this.log.debug({ err: error, code: error.code }, 'unparseable request');
  if (socket.writable) {
    const body = JSON.stringify({ error: code, message, details: [] });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

/**
 * Fastify's `frameworkErrors`: errors its router meets before any route or hook runs, such as a
 * URL whose percent-encoding is broken (`/maps/%zz`).
 */
export function frameworkErrors(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known = FASTIFY_ERRORS[error.code] ?? {
    status: 400,
    code: 'bad_request',
    message: 'The request is not valid.',
  };
  void reply.status(known.status).send({ error: known.code, message: known.message, details: [] });
}

/** A route's URL as a regular expression over request paths (`:name` is one segment). */
function pathPattern(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) =>
      part === '*'
        ? '.*'
        : part.startsWith(':')
          ? '[^/]+'
          : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}/?$`);
}

/**
 * The 503 message for a database that went away: whether the change may have been saved, when
 * a write lost its connection with its commit on the way, or else that nothing was saved.
 * Null for any other error.
 */
function databaseUnavailableMessage(error: unknown): string | null {
  if (error instanceof DatabaseUnavailableError) {
    return error.mayHaveCommitted
      ? 'The database became unavailable while saving. The change may have been saved: reload before you try again.'
      : 'The database cannot be reached right now, and nothing was saved. Try again in a moment.';
  }
  const code = (error as { code?: unknown } | null)?.code;
  return (error instanceof Neo4jError || (error as { name?: string }).name === 'Neo4jError') &&
    typeof code === 'string' &&
    (UNAVAILABLE.has(code) || /ServiceUnavailable|SessionExpired/.test(code))
    ? 'The database cannot be reached right now. Try again in a moment.'
    : null;
}

export interface ErrorsOptions {
  /**
   * The web app's `index.html`, when it is served: a page path that is no route (`/maps/x`
   * typed without its `#`, or a bookmark from another version) gets the app, which then finds
   * its way, instead of a JSON 404. API paths, the docs and missing files still get the 404.
   */
  appShell?: string;
}

/** A browser asking for a page outside the API and the docs, not for a missing file. */
function wantsAppShell(request: FastifyRequest, path: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  // Any spelling that reaches no route (`//api`, `/API`) is still the API's, and answers JSON.
  if (/^\/+(api|docs)(\/|$)/i.test(path)) return false;
  if (/\.[^/]*$/.test(path)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * The one error handler: every failure leaves as `{error, message, details}`. 4xx messages are
 * shown as they are; a 5xx is logged with its context and its text is hidden. A known path asked
 * with a method it does not have gets 405 with `Allow`; an unknown path gets 404, or the web
 * app when a browser asks for a page (see `appShell`).
 */
export default fp<ErrorsOptions>(
  async (fastify, options) => {
    const routes: { pattern: RegExp; methods: Set<string> }[] = [];
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      let entry = routes.find((known) => known.pattern.source === pathPattern(route.url).source);
      if (!entry) {
        entry = { pattern: pathPattern(route.url), methods: new Set() };
        routes.push(entry);
      }
      for (const method of methods) entry.methods.add(method.toUpperCase());
      if (entry.methods.has('GET')) entry.methods.add('HEAD');
      // A route that validates any part of its request answers 400 for a part that fails.
      const schema = route.schema as Record<string, unknown> | undefined;
      const response = schema?.response as Record<string, unknown> | undefined;
      if (response && ['params', 'querystring', 'body', 'headers'].some((part) => schema![part])) {
        response[400] ??= ErrorSchema;
      }
    });

    const notFound = (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '';
      if (options.appShell !== undefined && wantsAppShell(request, path)) {
        return reply.status(200).type('text/html; charset=utf-8').send(options.appShell);
      }
      return reply.status(404).send({
        error: 'route_not_found',
        message: `No route ${request.method} ${path}.`,
        details: [],
      });
    };

    // Answered before the body is read: Fastify would otherwise parse (or refuse) a body that
    // no route wants, and answer a QUERY without Content-Type with 400.
    fastify.addHook('onRequest', async (request, reply) => {
      if (!request.is404) return;
      const path = request.url.split('?')[0] ?? '';
      const allowed = new Set<string>();
      for (const { pattern, methods } of routes) {
        if (pattern.test(path)) for (const method of methods) allowed.add(method);
      }
      if (allowed.size === 0) return notFound(request, reply);
      const allow = [...allowed].sort().join(', ');
      return reply
        .status(405)
        .header('allow', allow)
        .send({
          error: 'method_not_allowed',
          message: `${request.method} is not allowed on ${path}; allowed: ${allow}.`,
          details: [{ method: request.method, allowed: [...allowed].sort() }],
        });
    });

    fastify.setErrorHandler(
      (error: FastifyError & { validationContext?: string }, request, reply) => {
        if (error instanceof AppError) {
          return reply
            .status(error.statusCode)
            .send({ error: error.code, message: error.message, details: error.details });
        }
        if (error.validation) {
          const issues = error.validation as AjvIssue[];
          if (
            error.validationContext === 'headers' &&
            issues.every((issue) => issue.instancePath === '/if-match')
          ) {
            const value = request.headers['if-match'];
            const bad = errors.badIfMatch(Array.isArray(value) ? value.join(', ') : (value ?? ''));
            return reply
              .status(bad.statusCode)
              .send({ error: bad.code, message: bad.message, details: bad.details });
          }
          const details = validationDetails(
            error.validation as AjvIssue[],
            error.validationContext ?? 'body',
          );
          const first = details[0];
          return reply.status(400).send({
            error: 'validation_failed',
            message: first ? `${first.path}: ${first.message}` : 'The request is not valid.',
            details,
          });
        }
        const unavailable = databaseUnavailableMessage(error);
        if (unavailable) {
          request.log.warn({ reason: (error as Error).message }, 'database unavailable');
          return reply
            .status(503)
            .header('retry-after', '1')
            .send({ error: 'database_unavailable', message: unavailable, details: [] });
        }
        if (error instanceof Neo4jError || (error as { name?: string }).name === 'Neo4jError') {
          const code = (error as unknown as Neo4jError).code;
          if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
            return reply.status(409).send({
              error: 'conflict',
              message: 'This would duplicate an existing id.',
              details: [],
            });
          }
        }
        const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
        if (known) {
          return reply
            .status(known.status)
            .send({ error: known.code, message: known.message, details: [] });
        }
        const status = error.statusCode ?? 500;
        if (status >= 400 && status < 500) {
          // The JSON parser's own refusals (a `__proto__` key, say) are SyntaxErrors.
          const code = error instanceof SyntaxError ? 'malformed_json' : codeForStatus(status);
          return reply.status(status).send({ error: code, message: error.message, details: [] });
        }
        request.log.error(
          { err: error, url: request.url, method: request.method },
          'request failed',
        );
        return reply.status(500).send({
          error: 'internal_error',
          message: 'Something went wrong on our side.',
          details: [],
        });
      },
    );

    fastify.setNotFoundHandler(notFound);
  },
  { name: 'errors' },
);
