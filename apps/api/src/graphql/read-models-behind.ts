/** This instance's read models did not reach a store position in time (READ_MODELS_BEHIND). */
export class ReadModelsBehind extends Error {
  constructor(
    readonly position: number,
    readonly readModelsPosition: number,
    /** The position is a mutation's own: its events are stored. */
    readonly stored: boolean,
  ) {
    super(
      stored
        ? `the change is stored (position ${position}), but this instance's read models have not reached it yet: read it again with the header X-Read-After: ${position}`
        : `this instance's read models have not reached position ${position} yet (they are at ${readModelsPosition}): try again shortly`,
    );
  }
}
