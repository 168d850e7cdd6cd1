import { Inject } from '@nestjs/common';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { verifyIntegrity } from '@app/audit';
import { REVIEW_STATES, BadInput, NotFound, type ReviewState } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { auditTrailPage, ReadModels, type AuditFilter } from '@app/projections';
import { articleStreams } from '../audit/article-streams';
import { auditEventView } from '../audit/audit-event';
import { connection, HistoryReader, type AsOf } from '../audit/history-reader';
import { EVENT_STORE } from '../infrastructure/tokens';
import { ExpensiveWork } from './expensive-work';
import * as valid from './input-validation';
import type { RequestContext } from './request-context';

/** Reads: every authenticated user may read everything, the audit history included. */
@Resolver('Query')
export class QueryResolver {
  constructor(
    private readonly readModels: ReadModels,
    private readonly history: HistoryReader,
    private readonly expensive: ExpensiveWork,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Query('me')
  async me(@Context() ctx: RequestContext) {
    return ctx.actor();
  }

  @Query('articles')
  async articles(@Context() ctx: RequestContext) {
    await ctx.actor();
    return this.readModels.articles();
  }

  @Query('article')
  async article(@Context() ctx: RequestContext, @Args('id') id: string) {
    await ctx.actor();
    return this.readModels.article(valid.id(id, 'id'));
  }

  @Query('section')
  async section(@Context() ctx: RequestContext, @Args('id') id: string, @Args('asOf') asOf?: AsOf | null) {
    await ctx.actor();
    valid.id(id, 'id');
    return asOf ? this.history.sectionAsOf(id, asOf) : this.readModels.section(id);
  }

  @Query('claim')
  async claim(@Context() ctx: RequestContext, @Args('id') id: string, @Args('asOf') asOf?: AsOf | null) {
    await ctx.actor();
    valid.id(id, 'id');
    return asOf ? this.history.claimAsOf(id, asOf) : this.readModels.claim(id);
  }

  @Query('reviewQueue')
  async reviewQueue(
    @Context() ctx: RequestContext,
    @Args('state') state: ReviewState,
    @Args('articleId') articleId?: string | null,
    @Args('flagged') flagged?: boolean | null,
    @Args('first') first?: number | null,
    @Args('after') after?: string | null,
  ) {
    await ctx.actor();
    if (!REVIEW_STATES.includes(state)) throw new BadInput('unknown review state', 'state');
    const page = this.readModels.reviewQueue(
      state,
      { articleId: valid.optionalId(articleId, 'articleId'), flagged: flagged ?? null },
      valid.pageSize(first, 50),
      after ?? null,
    );
    return { ...connection(page.items, page.hasNextPage), totalCount: page.totalCount };
  }

  @Query('reviewDue')
  async reviewDue(
    @Context() ctx: RequestContext,
    @Args('before') before: number,
    @Args('articleId') articleId?: string | null,
    @Args('first') first?: number | null,
    @Args('after') after?: string | null,
  ) {
    await ctx.actor();
    const page = this.readModels.reviewDue(before, valid.optionalId(articleId, 'articleId'), valid.pageSize(first, 50), after ?? null);
    return { ...connection(page.items, page.hasNextPage), totalCount: page.totalCount };
  }

  @Query('history')
  async streamHistory(
    @Context() ctx: RequestContext,
    @Args('streamId') streamId: string,
    @Args('first') first?: number | null,
    @Args('after') after?: string | null,
  ) {
    await ctx.actor();
    return this.history.history(valid.id(streamId, 'streamId'), valid.pageSize(first, 100), after ?? null);
  }

  @Query('auditTrail')
  async auditTrail(
    @Context() ctx: RequestContext,
    @Args('filter') filter?: AuditFilter | null,
    @Args('first') first?: number | null,
    @Args('after') after?: string | null,
  ) {
    await ctx.actor();
    const checked: AuditFilter = {
      ...filter,
      articleId: valid.optionalId(filter?.articleId, 'filter.articleId'),
      streamId: valid.optionalId(filter?.streamId, 'filter.streamId'),
      actorId: filter?.actorId ? valid.text(filter.actorId, 'filter.actorId', 200) : null,
    };
    if ((filter?.types?.length ?? 0) > 50) throw valid.tooLarge('filter.types', 50, filter?.types?.length ?? 0);
    const page = await auditTrailPage(this.readModels, this.store, checked, valid.pageSize(first, 100), after ?? null);
    return connection(
      page.items.map((item) => ({ cursor: item.cursor, node: auditEventView(item.node) })),
      page.hasNextPage,
    );
  }

  @Query('claimDiff')
  async claimDiff(
    @Context() ctx: RequestContext,
    @Args('id') id: string,
    @Args('fromTextRevision') fromTextRevision: number,
    @Args('toTextRevision') toTextRevision: number,
  ) {
    await ctx.actor();
    return this.history.claimDiff(valid.id(id, 'id'), fromTextRevision, toTextRevision);
  }

  @Query('verifyIntegrity')
  async verifyIntegrity(@Context() ctx: RequestContext, @Args('articleId') articleId?: string | null) {
    const actor = await ctx.actor();
    const article = articleId ? valid.id(articleId, 'articleId') : null;
    return this.expensive.run(actor.id, async () => {
      if (!article) return verifyIntegrity(this.store);
      const streams = await articleStreams(this.store, article);
      if (streams.length === 0) throw new NotFound(`article ${article} does not exist`);
      return verifyIntegrity(this.store, streams);
    });
  }
}
