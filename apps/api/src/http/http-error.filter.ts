import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
};

/** Fastify's own request errors that the client can act on, with a message in our words. */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'the request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the request body is empty',
  FST_ERR_CTP_BODY_TOO_LARGE: 'the request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'the request body has a content type this service does not read',
};

/**
 * Errors raised outside GraphQL execution (malformed JSON, an oversized body, the export and
 * health routes) answer in the GraphQL error shape with a code, never with a stack trace.
 * GraphQL's own errors pass through to Apollo's formatError.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return undefined;
    const status = exception instanceof HttpException ? exception.getStatus() : clientErrorStatus(exception);
    const body = exception instanceof HttpException ? exception.getResponse() : null;
    if (status >= 500) this.logger.error({ msg: 'unexpected error', error: exception instanceof Error ? exception.stack : String(exception) });
    const preset = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: Record<string, unknown> }).error : null;
    const code = (preset?.code as string | undefined) ?? CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
    const fastifyCode = (exception as { code?: unknown } | null)?.code;
    const message =
      (preset?.message as string | undefined) ??
      (typeof fastifyCode === 'string' ? FASTIFY_MESSAGES[fastifyCode] : undefined) ??
      (status >= 500 ? 'internal error' : exception instanceof HttpException ? exception.message : 'bad request');
    const extensions = {
      code,
      ...(preset?.field ? { field: preset.field } : {}),
      ...(preset?.retryAfterSeconds ? { retryAfterSeconds: preset.retryAfterSeconds } : {}),
    };
    void reply.status(status).send({ errors: [{ message, extensions }] });
    return undefined;
  }
}

/** Fastify's own errors (too large, bad JSON, bad content type) carry a 4xx statusCode. */
function clientErrorStatus(exception: unknown): number {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}
