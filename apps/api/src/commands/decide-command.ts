import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  articleDecider,
  claimDecider,
  discussionDecider,
  sectionDecider,
  streamName,
  type ArticleCommand,
  type ClaimCommand,
  type Decider,
  type DiscussionCommand,
  type SectionCommand,
  type StreamKind,
  type StreamRef,
} from '@app/domain';
import type { CommandContext } from './command-context';
import type { CommandOutcome } from './command-outcome';
import { StreamReads } from './stream-reads';
import { StreamWriter, type StreamEvent } from './stream-writer';

/** Each stream kind's commands. */
export interface CommandsOf {
  article: ArticleCommand;
  section: SectionCommand;
  claim: ClaimCommand;
  discussion: DiscussionCommand;
}

/**
 * What the handler fills in: who, why and when from the command's context, and what the guards
 * read from other streams (from the streams themselves).
 */
type FilledIn = 'actor' | 'reason' | 'now' | 'references' | 'claims' | 'claim';

/** A command as its sender writes it: its own fields only. */
export type CommandInput<C> = C extends unknown ? Omit<C, Extract<keyof C, FilledIn>> : never;

/**
 * One command on one existing stream: read it, fold it, decide, append (StreamWriter). Every
 * command that touches a single stream goes this way; `expectedRevision` is the client's
 * (reactions leave it out and decide on what they read).
 */
export class DecideCommand<K extends StreamKind = StreamKind> {
  constructor(
    readonly target: StreamRef<K>,
    readonly command: CommandInput<CommandsOf[K]>,
    readonly context: CommandContext,
    readonly expectedRevision?: number,
  ) {}
}

const DECIDERS: { [K in StreamKind]: Decider<CommandsOf[K], StreamEvent, unknown> } = {
  article: articleDecider as Decider<ArticleCommand, StreamEvent, unknown>,
  section: sectionDecider as Decider<SectionCommand, StreamEvent, unknown>,
  claim: claimDecider as Decider<ClaimCommand, StreamEvent, unknown>,
  discussion: discussionDecider as Decider<DiscussionCommand, StreamEvent, unknown>,
};

/** A claim's discussion starts with its first comment; every other stream must exist already. */
const STARTS_ON_FIRST_COMMAND: Readonly<Record<StreamKind, boolean>> = { article: false, section: false, claim: false, discussion: true };

@CommandHandler(DecideCommand)
export class DecideHandler implements ICommandHandler<DecideCommand, CommandOutcome> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reads: StreamReads,
  ) {}

  async execute({ target, command, context, expectedRevision }: DecideCommand): Promise<CommandOutcome> {
    const result = await this.writer.write({
      streamId: streamName(target),
      decider: DECIDERS[target.kind] as Decider<unknown, StreamEvent, unknown>,
      mustExist: !STARTS_ON_FIRST_COMMAND[target.kind],
      notFoundMessage: `${target.kind} ${target.id} does not exist`,
      expectedRevision,
      context,
      command: async (state, reads) => ({
        ...(await this.withGuardInputs(command, state, reads)),
        actor: context.actor,
        reason: context.reason ?? '',
        now: context.now,
      }),
    });
    return { id: target.id, position: result.position };
  }

  /**
   * The guards' inputs, read from the streams themselves when the command builds (never from read
   * models): an article's references for a claim's text and evidence, a section's claims for its
   * sign-offs and publishing.
   */
  private async withGuardInputs(
    command: CommandInput<CommandsOf[StreamKind]>,
    state: unknown,
    reads: { fresh: boolean },
  ): Promise<object> {
    switch (command.type) {
      case 'ProposeClaimRevision':
      case 'RecordEvidenceCheck':
        return { ...command, references: await this.reads.references((state as { articleId: string }).articleId, reads) };
      case 'SignOffSectionEvidence':
      case 'SignOffSectionMedical':
      case 'PublishSection':
        return { ...command, claims: await this.reads.claimViews((state as { claimIds: string[] }).claimIds) };
      case 'PostComment': {
        const claim = await this.reads.claim(command.claimId);
        return { ...command, claim: { exists: claim.exists, articleId: claim.articleId } };
      }
      default:
        return command;
    }
  }
}
