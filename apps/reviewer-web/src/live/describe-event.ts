import type { ActivityEvent } from './useLiveActivity';

/** Each event type as the reviewer would say it: "<actor> <words>". */
export const EVENT_WORDS: Record<string, string> = {
  ArticleImported: 'imported the article',
  ReferenceAdded: 'added a reference',
  ReferenceResolved: 'resolved a reference',
  SectionCreated: 'created the section',
  SectionRevised: 'revised the section',
  SectionReopened: 'reopened the section for review',
  SectionEvidenceChecked: "signed off the section's evidence",
  SectionMedicallyReviewed: "signed off the section's medical review",
  SectionPublished: 'published the section',
  SectionUnpublished: 'unpublished the section',
  ClaimDrafted: 'drafted the claim',
  ClaimRevised: 'proposed a new text for the claim',
  EvidenceCheckPassed: 'passed the evidence check',
  EvidenceCheckFailed: 'failed the evidence check',
  MedicalReviewApproved: 'approved the claim medically',
  MedicalReviewChangesRequested: 'requested changes to the claim',
  ClaimPublished: 'put the claim live',
  ClaimUnpublished: 'took the claim off the site',
  ClaimReopened: 'reopened the claim (a reference it cites changed)',
  ClaimApprovalExpired: "ended the claim's approval, which had expired",
  CommentPosted: 'commented',
  CommentResolved: 'resolved a comment',
};

export function eventWords(type: string): string {
  return EVENT_WORDS[type] ?? `recorded ${type}`;
}

/** "paul-publisher published the section", for the live announcements. */
export function describeEvent(event: Pick<ActivityEvent, 'type' | 'actor'>): string {
  return `${event.actor.id} ${eventWords(event.type)}.`;
}
