import { Controller, Get, Headers, HttpException, HttpStatus, Inject, Query, Res } from '@nestjs/common';
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
    const chosen = (format ?? 'jsonl') as ExportFormat;
    if (!(chosen in CONTENT_TYPES)) throw problem(HttpStatus.BAD_REQUEST, 'BAD_USER_INPUT', 'format must be csv or jsonl', 'format');
    let id: string;
    try {
      id = valid.id(articleId ?? '', 'articleId');
    } catch {
      throw problem(HttpStatus.BAD_REQUEST, 'BAD_USER_INPUT', 'articleId is required and must be an id', 'articleId');
    }
    const streams = await articleStreams(this.store, id);
    if (streams.length === 0) throw problem(HttpStatus.NOT_FOUND, 'NOT_FOUND', `article ${id} does not exist`);

    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[chosen]);
    res.setHeader('Content-Disposition', `attachment; filename="article-${id}-history.${chosen}"`);
    await exportHistory(this.store, streams, chosen, (chunk) => {
      if (!res.write(chunk)) return new Promise<void>((resolve) => res.once('drain', () => resolve()));
    });
    res.end();
  }
}

function problem(status: number, code: string, message: string, field?: string): HttpException {
  return new HttpException({ error: { code, message, ...(field ? { field } : {}) } }, status);
}
