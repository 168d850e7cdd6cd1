import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
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
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.end();
      return undefined;
    }
    const status = exception instanceof HttpException ? exception.getStatus() : clientErrorStatus(exception);
    const body = exception instanceof HttpException ? exception.getResponse() : null;
    if (status >= 500) this.logger.error({ msg: 'unexpected error', error: exception instanceof Error ? exception.stack : String(exception) });
    const preset = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: Record<string, unknown> }).error : null;
    const code = (preset?.code as string | undefined) ?? CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
    const message =
      (preset?.message as string | undefined) ??
      (status === 400 && isBodyParseError(exception)
        ? 'the request body is not valid JSON'
        : status === 413
          ? 'the request body is too large'
          : status >= 500
            ? 'internal error'
            : exception instanceof HttpException
              ? exception.message
              : 'bad request');
    const extensions = { code, ...(preset?.field ? { field: preset.field } : {}) };
    res.status(status).json({ errors: [{ message, extensions }] });
    return undefined;
  }
}

function isBodyParseError(exception: unknown): boolean {
  const cause = exception instanceof HttpException ? exception.cause : undefined;
  return exception instanceof SyntaxError || cause instanceof SyntaxError || /JSON/.test(String((exception as Error)?.message));
}

/** body-parser's own errors (too large, bad encoding) carry an http status of 4xx. */
function clientErrorStatus(exception: unknown): number {
  const status = (exception as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}
