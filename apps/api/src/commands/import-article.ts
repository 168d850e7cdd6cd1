import { createHash } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { nameBasedUuid } from '@app/audit';
import { articleDecider, claimDecider, sectionDecider, slugify, streamIds, uniqueSlug, type ArticleFormat } from '@app/domain';
import { parseArticle, summarizeImport, type ImportSummary } from '@app/importer';
import type { CommandContext } from './command-context';
import type { CommandOutcome } from './command-outcome';
import { StreamWriter } from './stream-writer';
import { TakenSlugs } from './taken-slugs';

export class ImportArticleCommand {
  constructor(
    readonly title: string,
    readonly text: string,
    readonly format: ArticleFormat,
    readonly context: CommandContext,
  ) {}
}

export interface ImportOutcome extends CommandOutcome {
  summary: ImportSummary;
}

/**
 * Imports an article as one article stream, one stream per section and one per claim, all in one
 * atomic append where the store can, so an import is never half there. Where it cannot
 * (EventStoreDB), the claims come first, then the sections, and the article that names them last:
 * an import cut short leaves streams no article names (no query reaches them through an article),
 * and the same request sent again completes it. Ids derive from the command id and the request's
 * fingerprint, so that retry names the same streams, and no other request ever does.
 */
@CommandHandler(ImportArticleCommand)
export class ImportArticleHandler implements ICommandHandler<ImportArticleCommand, ImportOutcome> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly slugs: TakenSlugs,
  ) {}

  async execute({ title, text, format, context }: ImportArticleCommand): Promise<ImportOutcome> {
    const parsed = parseArticle(text, format);
    const articleId = nameBasedUuid('article', context.commandId, context.fingerprint);
    const sections = parsed.sections.map((section, s) => ({
      ...section,
      sectionId: nameBasedUuid('section', context.commandId, context.fingerprint, s),
      claims: section.claims.map((claim, c) => ({ ...claim, claimId: nameBasedUuid('claim', context.commandId, context.fingerprint, s, c) })),
    }));
    const claims = sections.flatMap((section) =>
      section.claims.map((claim) => ({
        streamId: streamIds.claim(claim.claimId),
        decider: claimDecider,
        command: {
          type: 'DraftClaim' as const,
          actor: context.actor,
          claimId: claim.claimId,
          articleId,
          sectionId: section.sectionId,
          text: claim.text,
          citations: claim.citations,
          references: parsed.references,
        },
      })),
    );
    const sectionStreams = sections.map((section, index) => ({
      streamId: streamIds.section(section.sectionId),
      decider: sectionDecider,
      command: {
        type: 'CreateSection' as const,
        actor: context.actor,
        sectionId: section.sectionId,
        articleId,
        heading: section.heading,
        position: index,
        claimIds: section.claims.map((c) => c.claimId),
      },
    }));
    const article = {
      streamId: streamIds.article(articleId),
      decider: articleDecider,
      command: {
        type: 'ImportArticle' as const,
        actor: context.actor,
        articleId,
        title,
        slug: uniqueSlug(slugify(title), this.slugs.taken(slugify(title))),
        format,
        sourceHash: createHash('sha256').update(text, 'utf8').digest('hex'),
        references: parsed.references,
        sectionIds: sections.map((s) => s.sectionId),
      },
    };
    const { position } = await this.writer.createAll([...claims, ...sectionStreams, article], context);
    return { id: articleId, position, summary: summarizeImport(parsed) };
  }
}
