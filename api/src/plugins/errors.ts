import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { Neo4jError } from 'neo4j-driver';
import { AppError } from '../errors.ts';

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

/**
 * The one error handler: every failure leaves as `{error, message, details}`. 4xx messages are
 * shown as they are; a 5xx is logged with its context and its text is hidden.
 */
export default fp(
  async (fastify) => {
    fastify.setErrorHandler(
      (error: FastifyError & { validationContext?: string }, request, reply) => {
        if (error instanceof AppError) {
          return reply
            .status(error.statusCode)
            .send({ error: error.code, message: error.message, details: error.details });
        }
        if (error.validation) {
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
        if (error instanceof Neo4jError || (error as { name?: string }).name === 'Neo4jError') {
          const code = (error as unknown as Neo4jError).code;
          if (UNAVAILABLE.has(code) || /ServiceUnavailable|SessionExpired/.test(code)) {
            request.log.warn({ code }, 'database unavailable');
            return reply.status(503).send({
              error: 'database_unavailable',
              message: 'The database cannot be reached right now. Try again in a moment.',
              details: [],
            });
          }
          if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
            return reply.status(409).send({
              error: 'conflict',
              message: 'This would duplicate an existing id.',
              details: [],
            });
          }
        }
        const status = error.statusCode ?? 500;
        if (status >= 400 && status < 500) {
          const code =
            error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
              ? 'malformed_json'
              : (error.code ?? 'bad_request').toLowerCase();
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

    fastify.setNotFoundHandler((request, reply) =>
      reply.status(404).send({
        error: 'route_not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]}.`,
        details: [],
      }),
    );
  },
  { name: 'errors' },
);
