import { useState } from 'react';

/**
 * The revision a form was started on. Untouched, a form follows the entity as it changes; once
 * the person starts typing it keeps the revision they saw, so that a change by someone else is
 * noticed (stale) instead of being approved unseen, and the API's CONFLICT never surprises.
 */
export function useEditBase(currentRevision: number) {
  const [base, setBase] = useState<number | null>(null);
  return {
    /** Send this as expectedRevision. */
    baseRevision: base ?? currentRevision,
    /** Someone else changed the entity since the person started. */
    stale: base !== null && base !== currentRevision,
    touch: () => setBase((held) => held ?? currentRevision),
    /** The person has looked at the new version and goes on from it. */
    acceptLatest: () => setBase(currentRevision),
    /** The form was sent or abandoned. */
    reset: () => setBase(null),
  };
}
