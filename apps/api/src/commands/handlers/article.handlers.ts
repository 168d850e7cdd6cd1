import { createHash } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { nameBasedUuid } from '@app/audit';
import { articleDecider, claimDecider, sectionDecider, streamIds } from '@app/domain';
import { parseArticle, summarizeImport, type ImportSummary } from '@app/importer';
import type { CommandOutcome } from '../command-outcome';
import { AddReferenceCommand, ImportArticleCommand, ResolveReferenceCommand } from '../impl/article-commands';
import { StreamWriter } from '../stream-writer';
import { writeToArticle } from '../write-to-stream';

export interface ImportOutcome extends CommandOutcome {
  summary: ImportSummary;
}

/**
 * Imports an article as one article stream, one stream per section and one per claim. The
 * article comes first (the claims' citation guard reads its reference list). Every id derives
 * from the command id, so an import interrupted half-way completes when sent again.
 */
@CommandHandler(ImportArticleCommand)
export class ImportArticleHandler implements ICommandHandler<ImportArticleCommand, ImportOutcome> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ title, text, format, context }: ImportArticleCommand): Promise<ImportOutcome> {
    const parsed = parseArticle(text, format);
    const articleId = nameBasedUuid('article', context.commandId);
    const sections = parsed.sections.map((section, s) => ({
      ...section,
      sectionId: nameBasedUuid('section', context.commandId, s),
      claims: section.claims.map((claim, c) => ({ ...claim, claimId: nameBasedUuid('claim', context.commandId, s, c) })),
    }));
    let position = 0;
    const track = (p: number | null) => {
      if (p !== null && p > position) position = p;
    };

    const article = await this.writer.write({
      streamId: streamIds.article(articleId),
      decider: articleDecider,
      mustExist: false,
      context,
      command: {
        type: 'ImportArticle',
        actor: context.actor,
        articleId,
        title,
        slug: slugify(title),
        format,
        sourceHash: createHash('sha256').update(text, 'utf8').digest('hex'),
        references: parsed.references,
        sectionIds: sections.map((s) => s.sectionId),
      },
    });
    track(article.position);

    for (const [index, section] of sections.entries()) {
      for (const claim of section.claims) {
        const written = await this.writer.write({
          streamId: streamIds.claim(claim.claimId),
          decider: claimDecider,
          mustExist: false,
          context,
          command: {
            type: 'DraftClaim',
            actor: context.actor,
            claimId: claim.claimId,
            articleId,
            sectionId: section.sectionId,
            text: claim.text,
            citations: claim.citations,
            references: parsed.references,
          },
        });
        track(written.position);
      }
      const written = await this.writer.write({
        streamId: streamIds.section(section.sectionId),
        decider: sectionDecider,
        mustExist: false,
        context,
        command: {
          type: 'CreateSection',
          actor: context.actor,
          sectionId: section.sectionId,
          articleId,
          heading: section.heading,
          position: index,
          claimIds: section.claims.map((c) => c.claimId),
        },
      });
      track(written.position);
    }
    return { id: articleId, position: position || null, summary: summarizeImport(parsed) };
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

function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'article';
}
