import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { CommentState } from '@app/domain';
import { ReadModels, type ArticleView, type ClaimRecord, type SectionView } from '@app/projections';
import { Discussions } from './discussions';

@Resolver('Article')
export class ArticleResolver {
  constructor(private readonly readModels: ReadModels) {}

  @ResolveField('sections')
  sections(@Parent() article: ArticleView): SectionView[] {
    return this.readModels.sections(article.sectionIds);
  }
}

@Resolver('Section')
export class SectionResolver {
  constructor(private readonly readModels: ReadModels) {}

  /** A section read asOf a moment carries its claims as they were then. */
  @ResolveField('claims')
  claims(@Parent() section: SectionView & { claimsAsOf?: ClaimRecord[] }): ClaimRecord[] {
    return section.claimsAsOf ?? this.readModels.claims(section.claimIds);
  }
}

@Resolver('Claim')
export class ClaimResolver {
  constructor(private readonly discussions: Discussions) {}

  @ResolveField('comments')
  comments(@Parent() claim: ClaimRecord): Promise<CommentState[]> {
    return this.discussions.comments(claim.id);
  }
}
