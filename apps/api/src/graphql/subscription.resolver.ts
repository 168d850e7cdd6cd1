import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { ActivityFeed } from '../audit/activity-feed';
import type { AuditEventView } from '../audit/audit-event';
import * as valid from './input-validation';
import type { RequestContext } from './request-context';

@Resolver('Subscription')
export class SubscriptionResolver {
  constructor(private readonly feed: ActivityFeed) {}

  /** Events after they are stored, for any authenticated caller (every one may read). */
  @Subscription('reviewActivity', { resolve: (event: AuditEventView) => event })
  async reviewActivity(@Context() ctx: RequestContext, @Args('articleId') articleId?: string | null) {
    await ctx.actor();
    return this.feed.subscribe(valid.optionalId(articleId, 'articleId'));
  }
}
