/** The client's expectedRevision is not the stream's: it must reload and decide again. */
export class RevisionConflict extends Error {
  override readonly name = 'RevisionConflict';
  readonly code = 'CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedRevision: number,
    readonly actualRevision: number | null,
  ) {
    super(
      `${streamId} is at revision ${actualRevision ?? 'none'}, not ${expectedRevision}: reload it and decide again`,
    );
  }
}
