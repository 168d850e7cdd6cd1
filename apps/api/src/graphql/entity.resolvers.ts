import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ReadModels, type ArticleView, type ClaimRecord, type SectionView } from '@app/projections';

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
