import { Controller, Get, Headers, HttpException, HttpStatus, Inject, Logger, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { EventStore } from '@app/event-store';
import { TokenVerifier } from '../auth/token-verifier';
import { AuthenticationError } from '../auth/authentication-error';
import { EVENT_STORE } from '../infrastructure/tokens';
import * as valid from '../graphql/input-validation';
import { articleStreams } from './article-streams';
import { exportHistory, type ExportFormat } from './audit-export';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** GET /audit/export?articleId=…&format=csv|jsonl — an article's whole history, for auditors and admins. */
@Controller('audit')
export class AuditExportController {
  private readonly logger = new Logger('AuditExport');

  constructor(
    private readonly verifier: TokenVerifier,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('export')
  async export(
    @Headers('authorization') authorization: string | undefined,
    @Query('articleId') articleId: string | undefined,
    @Query('format') format: string | undefined,
    @Res() res: Response,
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
    const streams = await articleStreams(this.store, id);
    if (streams.length === 0) throw problem(HttpStatus.NOT_FOUND, 'NOT_FOUND', `article ${id} does not exist`);

    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[chosen]);
    res.setHeader('Content-Disposition', `attachment; filename="article-${id}-history.${chosen}"`);
    try {
      await exportHistory(this.store, streams, chosen, (chunk) => {
        if (res.destroyed) throw new ClientGone();
        if (!res.write(chunk)) return drained(res);
      });
      res.end();
    } catch (error) {
      // The status line is sent: a failure can only cut the body short, so that it is not taken
      // for a whole export (no exception filter may try to answer a second time).
      if (!(error instanceof ClientGone)) this.logger.error({ msg: 'audit export failed', articleId: id, error: String(error) });
      res.destroy();
    }
  }
}

class ClientGone extends Error {}

/** Waits until the response can take more, or fails when the client went away (no drain will come). */
function drained(res: Response): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new ClientGone());
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

function problem(status: number, code: string, message: string, field?: string): HttpException {
  return new HttpException({ error: { code, message, ...(field ? { field } : {}) } }, status);
}
