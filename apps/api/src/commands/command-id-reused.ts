/** A commandId names one command by one user; this one arrived again with something else. */
export class CommandIdReused extends Error {
  override readonly name = 'CommandIdReused';
  readonly code = 'COMMAND_ID_REUSED';
  readonly field = 'commandId';
  constructor(readonly commandId: string) {
    super(
      `commandId ${commandId} was already used for another request (another command, target, input or user): ` +
        'send a new commandId for a new request, or exactly the same request to get its answer again',
    );
  }
}
