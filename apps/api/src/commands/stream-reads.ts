import { Injectable } from '@nestjs/common';
import {
  articleDecider,
  claimDecider,
  claimView,
  NotFound,
  streamIds,
  type ArticleState,
  type ClaimState,
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

  /**
   * The article's references. They only ever grow (added, resolved), so an older copy can only
   * refuse what the latest would allow: with `fresh` false the cached copy will do, and the
   * writer builds the command again from a fresh read before a refusal stands.
   */
  async references(articleId: string, { fresh }: { fresh: boolean }): Promise<ArticleState['references']> {
    const cached = fresh ? null : this.writer.cached<ArticleState>(streamIds.article(articleId));
    return (cached?.exists ? cached : await this.article(articleId)).references;
  }

  /** The claim as its stream has it now; `exists` false when there is none. */
  async claim(claimId: string): Promise<ClaimState> {
    return (await this.writer.load(streamIds.claim(claimId), claimDecider)).state;
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
