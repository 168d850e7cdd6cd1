/** What a command handler answers: where its events landed, so the caller can read its own writes. */
export interface CommandOutcome {
  /** The entity the mutation answers with. */
  id: string;
  /** Global position of the last event written; null when nothing needed writing. */
  position: number | null;
}
