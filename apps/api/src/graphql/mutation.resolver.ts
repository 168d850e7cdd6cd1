import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { BadInput, LIMITS, type ArticleFormat, type Evidence } from '@app/domain';
import { ReadModels } from '@app/projections';
import { ImportArticleCommand, type ImportOutcome } from '../commands/import-article';

import { AddClaimCommand } from '../commands/add-claim';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { DecideCommand } from '../commands/decide-command';
import { claimOfComment, Discussions, newCommentId } from './discussions';
import { ExpensiveWork } from './expensive-work';
import * as valid from './input-validation';
import { MutationGateway, type CommonInput, type SectionActionInput } from './mutation-gateway';
import type { RequestContext } from './request-context';

interface EvidenceInput {
  referenceNumber?: number | null;
  level: Evidence['level'];
  locator?: string | null;
  note?: string | null;
}

/** The mutations of docs/api.md ("Mutations"): each validates its own input and leaves the rest to MutationGateway. */
@Resolver('Mutation')
export class MutationResolver {
  constructor(
    private readonly gateway: MutationGateway,
    private readonly readModels: ReadModels,
    private readonly expensive: ExpensiveWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discussions: Discussions,
  ) {}

  @Mutation('importArticle')
  async importArticle(
    @Context() ctx: RequestContext,
    @Args('input') input: { title: string; text: string; format?: ArticleFormat | null; commandId?: string | null },
  ) {
    const context = await this.gateway.begin(ctx, 'importArticle', input);
    const title = valid.text(input.title, 'title', LIMITS.title);
    if (input.text.length > LIMITS.articleText) {
      throw valid.tooLarge('text', LIMITS.articleText, input.text.length);
    }
    const outcome = await this.expensive.run(context.actor.id, () =>
      this.gateway.send<ImportOutcome>(
        ctx,
        new ImportArticleCommand(title, input.text, input.format ?? 'TEXT', { ...context, reason: `import of "${title}"` }),
      ),
    );
    return { ...outcome.summary, article: this.gateway.found(this.readModels.article(outcome.id), 'article', outcome.id) };
  }

  @Mutation('proposeClaimRevision')
  async proposeClaimRevision(
    @Context() ctx: RequestContext,
    @Args('input')
    input: CommonInput & { claimId: string; expectedRevision: number; text: string; citations: number[] },
  ) {
    const context = await this.gateway.begin(ctx, 'proposeClaimRevision', input);
    const command = {
      type: 'ProposeClaimRevision' as const,
      text: valid.text(input.text, 'text', LIMITS.claimText),
      citations: valid.citations(input.citations),
    };
    return this.gateway.decide(ctx, { kind: 'claim', id: input.claimId }, command, context, input.expectedRevision);
  }

  @Mutation('recordEvidenceCheck')
  async recordEvidenceCheck(
    @Context() ctx: RequestContext,
    @Args('input')
    input: CommonInput & {
      claimId: string;
      expectedRevision: number;
      verdict: 'PASS' | 'FAIL';
      evidence?: EvidenceInput[] | null;
      noCitationNeeded?: boolean | null;
    },
  ) {
    const context = await this.gateway.begin(ctx, 'recordEvidenceCheck', input);
    const evidence = input.evidence ?? [];
    if (evidence.length > LIMITS.evidenceEntries) {
      throw valid.tooLarge('evidence', LIMITS.evidenceEntries, evidence.length);
    }
    const command = {
      type: 'RecordEvidenceCheck' as const,
      verdict: input.verdict,
      evidence: evidence.map((entry, i) => ({
        referenceNumber: entry.referenceNumber === null || entry.referenceNumber === undefined ? null : valid.referenceNumber(entry.referenceNumber, 'evidence'),
        level: entry.level,
        locator: valid.optionalText(entry.locator, `evidence[${i}].locator`, LIMITS.locator),
        note: valid.optionalText(entry.note, `evidence[${i}].note`, LIMITS.note),
      })),
      noCitationNeeded: input.noCitationNeeded ?? false,
    };
    return this.gateway.decide(ctx, { kind: 'claim', id: input.claimId }, command, context, input.expectedRevision);
  }

  @Mutation('recordMedicalReview')
  async recordMedicalReview(
    @Context() ctx: RequestContext,
    @Args('input')
    input: CommonInput & {
      claimId: string;
      expectedRevision: number;
      decision: 'APPROVE' | 'REQUEST_CHANGES';
      acknowledgeWordingFlags?: boolean | null;
    },
  ) {
    const context = await this.gateway.begin(ctx, 'recordMedicalReview', input);
    const command = {
      type: 'RecordMedicalReview' as const,
      decision: input.decision,
      acknowledgeWordingFlags: input.acknowledgeWordingFlags ?? false,
      approvalValidity: this.config.approvalValidity,
    };
    return this.gateway.decide(ctx, { kind: 'claim', id: input.claimId }, command, context, input.expectedRevision);
  }

  @Mutation('signOffSectionEvidence')
  async signOffSectionEvidence(@Context() ctx: RequestContext, @Args('input') input: SectionActionInput) {
    const context = await this.gateway.begin(ctx, 'signOffSectionEvidence', input);
    return this.gateway.decide(ctx, { kind: 'section', id: input.sectionId }, { type: 'SignOffSectionEvidence' }, context, input.expectedRevision);
  }

  @Mutation('signOffSectionMedical')
  async signOffSectionMedical(@Context() ctx: RequestContext, @Args('input') input: SectionActionInput) {
    const context = await this.gateway.begin(ctx, 'signOffSectionMedical', input);
    return this.gateway.decide(ctx, { kind: 'section', id: input.sectionId }, { type: 'SignOffSectionMedical' }, context, input.expectedRevision);
  }

  @Mutation('publishSection')
  async publishSection(@Context() ctx: RequestContext, @Args('input') input: SectionActionInput) {
    const context = await this.gateway.begin(ctx, 'publishSection', input);
    return this.gateway.decide(ctx, { kind: 'section', id: input.sectionId }, { type: 'PublishSection' }, context, input.expectedRevision);
  }

  @Mutation('unpublishSection')
  async unpublishSection(@Context() ctx: RequestContext, @Args('input') input: SectionActionInput) {
    const context = await this.gateway.begin(ctx, 'unpublishSection', input);
    return this.gateway.decide(ctx, { kind: 'section', id: input.sectionId }, { type: 'UnpublishSection' }, context, input.expectedRevision);
  }

  @Mutation('reviseSection')
  async reviseSection(
    @Context() ctx: RequestContext,
    @Args('input') input: SectionActionInput & { heading?: string | null; claimOrder?: string[] | null },
  ) {
    const context = await this.gateway.begin(ctx, 'reviseSection', input);
    const heading = input.heading === null || input.heading === undefined ? null : valid.text(input.heading, 'heading', LIMITS.heading);
    const claimOrder = input.claimOrder ? input.claimOrder.map((claimId) => valid.id(claimId, 'claimOrder')) : null;
    if (heading === null && claimOrder === null) {
      throw new BadInput('give a new heading, a new claimOrder or both', 'heading');
    }
    const command = { type: 'ReviseSection' as const, heading, claimOrder };
    return this.gateway.decide(ctx, { kind: 'section', id: input.sectionId }, command, context, input.expectedRevision);
  }

  @Mutation('addClaim')
  async addClaim(
    @Context() ctx: RequestContext,
    @Args('input') input: SectionActionInput & { text: string; citations: number[]; position?: number | null },
  ) {
    const context = await this.gateway.begin(ctx, 'addClaim', input);
    const position = input.position ?? null;
    if (position !== null && (!Number.isInteger(position) || position < 0)) {
      throw new BadInput('position must be 0 or more', 'position');
    }
    const command = new AddClaimCommand(
      valid.id(input.sectionId, 'sectionId'),
      valid.revision(input.expectedRevision),
      valid.text(input.text, 'text', LIMITS.claimText),
      valid.citations(input.citations),
      position,
      context,
    );
    return this.gateway.sectionAfter(await this.gateway.send(ctx, command));
  }

  @Mutation('removeClaim')
  async removeClaim(@Context() ctx: RequestContext, @Args('input') input: SectionActionInput & { claimId: string }) {
    const context = await this.gateway.begin(ctx, 'removeClaim', input);
    const command = { type: 'RemoveClaimFromSection' as const, claimId: valid.id(input.claimId, 'claimId') };
    return this.gateway.decide(ctx, { kind: 'section', id: input.sectionId }, command, context, input.expectedRevision);
  }

  @Mutation('addReference')
  async addReference(
    @Context() ctx: RequestContext,
    @Args('input') input: CommonInput & { articleId: string; expectedRevision: number; citation: string; url?: string | null },
  ) {
    const context = await this.gateway.begin(ctx, 'addReference', input);
    const command = { type: 'AddReference' as const, citation: valid.text(input.citation, 'citation', LIMITS.citation), url: valid.url(input.url) };
    return this.gateway.decide(ctx, { kind: 'article', id: input.articleId }, command, context, input.expectedRevision);
  }

  @Mutation('resolveReference')
  async resolveReference(
    @Context() ctx: RequestContext,
    @Args('input')
    input: CommonInput & { articleId: string; expectedRevision: number; number: number; citation: string; url?: string | null },
  ) {
    const context = await this.gateway.begin(ctx, 'resolveReference', input);
    const command = {
      type: 'ResolveReference' as const,
      number: valid.referenceNumber(input.number, 'number'),
      citation: valid.text(input.citation, 'citation', LIMITS.citation),
      url: valid.url(input.url),
    };
    return this.gateway.decide(ctx, { kind: 'article', id: input.articleId }, command, context, input.expectedRevision);
  }

  @Mutation('postComment')
  async postComment(
    @Context() ctx: RequestContext,
    @Args('input') input: { claimId: string; text: string; replyTo?: string | null; commandId?: string | null },
  ) {
    const context = await this.gateway.begin(ctx, 'postComment', input);
    const claimId = valid.id(input.claimId, 'claimId');
    const command = {
      type: 'PostComment' as const,
      claimId,
      commentId: newCommentId(claimId, context),
      text: valid.text(input.text, 'text', LIMITS.comment, { multiline: true }),
      replyTo: valid.optionalId(input.replyTo, 'replyTo'),
    };
    await this.gateway.send(ctx, new DecideCommand({ kind: 'discussion', id: claimId }, command, context));
    return this.discussions.comment(command.commentId);
  }

  @Mutation('resolveComment')
  async resolveComment(
    @Context() ctx: RequestContext,
    @Args('input') input: { commentId: string; reason?: string | null; commandId?: string | null },
  ) {
    const context = await this.gateway.begin(ctx, 'resolveComment', { ...input, reason: input.reason ?? undefined });
    const commentId = valid.id(input.commentId, 'commentId');
    const command = { type: 'ResolveComment' as const, commentId };
    await this.gateway.send(ctx, new DecideCommand({ kind: 'discussion', id: claimOfComment(commentId) }, command, context));
    return this.discussions.comment(commentId);
  }
}
