import type { ArticleFormat } from '@app/domain';
import type { CommandContext } from '../command-context';

export class ImportArticleCommand {
  constructor(
    readonly title: string,
    readonly text: string,
    readonly format: ArticleFormat,
    readonly context: CommandContext,
  ) {}
}

export class AddReferenceCommand {
  constructor(
    readonly articleId: string,
    readonly expectedRevision: number,
    readonly citation: string,
    readonly url: string | null,
    readonly context: CommandContext,
  ) {}
}

export class ResolveReferenceCommand {
  constructor(
    readonly articleId: string,
    readonly expectedRevision: number,
    readonly number: number,
    readonly citation: string,
    readonly url: string | null,
    readonly context: CommandContext,
  ) {}
}
