import { Injectable } from '@nestjs/common';
import {
  articleDecider,
  claimDecider,
  claimView,
  NotFound,
  streamIds,
  type ArticleState,
  type ClaimView,
} from '@app/domain';
import { StreamWriter } from './stream-writer';

/**
 * Reads that guards spanning streams need. They read the streams themselves, never the read
 * models, so a guard never refuses (or allows) on stale data.
 */
@Injectable()
export class StreamReads {
  constructor(private readonly writer: StreamWriter) {}

  async article(articleId: string): Promise<ArticleState> {
    const { state } = await this.writer.load(streamIds.article(articleId), articleDecider);
    if (!state.exists) throw new NotFound(`article ${articleId} does not exist`);
    return state;
  }

  async claimViews(claimIds: readonly string[]): Promise<ClaimView[]> {
    return Promise.all(
      claimIds.map(async (claimId) => {
        const { state } = await this.writer.load(streamIds.claim(claimId), claimDecider);
        return claimView(state);
      }),
    );
  }
}
