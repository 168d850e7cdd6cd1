import { createHash } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { nameBasedUuid } from '@app/audit';
import { articleDecider, claimDecider, sectionDecider, slugify, streamIds, uniqueSlug } from '@app/domain';
import { parseArticle, summarizeImport, type ImportSummary } from '@app/importer';
import type { CommandOutcome } from '../command-outcome';
import { AddReferenceCommand, ImportArticleCommand, ResolveReferenceCommand } from '../impl/article-commands';
import { StreamWriter } from '../stream-writer';
import { TakenSlugs } from '../taken-slugs';
import { writeToArticle } from '../write-to-stream';

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

@CommandHandler(AddReferenceCommand)
export class AddReferenceHandler implements ICommandHandler<AddReferenceCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ articleId, expectedRevision, citation, url, context }: AddReferenceCommand): Promise<CommandOutcome> {
    const result = await writeToArticle(
      this.writer,
      articleId,
      context,
      { type: 'AddReference', actor: context.actor, citation, url },
      expectedRevision,
    );
    return { id: articleId, position: result.position };
  }
}

@CommandHandler(ResolveReferenceCommand)
export class ResolveReferenceHandler implements ICommandHandler<ResolveReferenceCommand, CommandOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute(command: ResolveReferenceCommand): Promise<CommandOutcome> {
    const { articleId, expectedRevision, context } = command;
    const result = await writeToArticle(
      this.writer,
      articleId,
      context,
      {
        type: 'ResolveReference',
        actor: context.actor,
        number: command.number,
        citation: command.citation,
        url: command.url,
        reason: context.reason ?? '',
      },
      expectedRevision,
    );
    return { id: articleId, position: result.position };
  }
}
