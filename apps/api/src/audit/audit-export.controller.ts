import type { Readable } from 'node:stream';
import { Controller, Get, Headers, HttpException, HttpStatus, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '@app/event-store';
import { TokenVerifier } from '../auth/token-verifier';
import { AuthenticationError } from '../auth/authentication-error';
import { EVENT_STORE } from '../infrastructure/tokens';
import { ExpensiveWork } from '../graphql/expensive-work';
import * as valid from '../graphql/input-validation';
import { RateLimited } from '../graphql/rate-limited';
import { articleStreams } from './article-streams';
import { exportHistory, type ExportFormat } from './audit-export';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** GET /audit/export?articleId=…&format=csv|jsonl — an article's whole history, for auditors and admins. */
@Controller('audit')
export class AuditExportController {
  constructor(
    private readonly verifier: TokenVerifier,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly expensive: ExpensiveWork,
  ) {}

  /**
   * The body is a stream: Fastify sends it as the client takes it and stops reading the history
   * when the client goes away. A failure half-way cuts the body short (the status line is sent),
   * so that it is never taken for a whole export.
   */
  @Get('export')
  async export(
    @Headers('authorization') authorization: string | undefined,
    @Query('articleId') articleId: string | undefined,
    @Query('format') format: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const actor = await this.verifier.verifyHeader(authorization).catch((error: unknown) => {
      throw problem(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', error instanceof AuthenticationError ? error.message : 'not authenticated');
    });
    if (!actor.roles.includes('AUDITOR') && !actor.roles.includes('ADMIN')) {
      throw problem(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'the audit export is for AUDITOR or ADMIN');
    }
    // Compared with the two names, not looked up with `in`: "toString" or "__proto__" are not formats.
    const chosen = format ?? 'jsonl';
    if (chosen !== 'csv' && chosen !== 'jsonl') throw problem(HttpStatus.BAD_REQUEST, 'BAD_USER_INPUT', 'format must be csv or jsonl', 'format');
    let id: string;
    try {
      id = valid.id(typeof articleId === 'string' ? articleId : '', 'articleId');
    } catch {
      throw problem(HttpStatus.BAD_REQUEST, 'BAD_USER_INPUT', 'articleId is required and must be an id', 'articleId');
    }
    const release = this.acquire(actor.id);
    let body: Readable;
    try {
      const streams = await articleStreams(this.store, id);
      if (streams.length === 0) throw problem(HttpStatus.NOT_FOUND, 'NOT_FOUND', `article ${id} does not exist`);
      body = exportHistory(this.store, streams, chosen);
    } catch (error) {
      release();
      throw error;
    }
    // Held until the body is sent, or the client has gone.
    body.once('close', release);
    await reply
      .status(200)
      .header('content-type', CONTENT_TYPES[chosen])
      .header('content-disposition', `attachment; filename="article-${id}-history.${chosen}"`)
      .send(body);
  }

  private acquire(userId: string): () => void {
    try {
      return this.expensive.acquire(userId);
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
      throw new HttpException({ error: { code: 'RATE_LIMITED', message: error.message, retryAfterSeconds: error.retryAfterSeconds } }, HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}

function problem(status: number, code: string, message: string, field?: string): HttpException {
  return new HttpException({ error: { code, message, ...(field ? { field } : {}) } }, status);
}
