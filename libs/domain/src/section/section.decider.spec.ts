import { deciderSpecification, stateAfter } from '../../test/decider-specification';
import {
  actorsWithout,
  admin,
  checker,
  claimViewOf,
  editor,
  otherChecker,
  polymath,
  publisher,
  reviewer,
  sectionCreated,
} from '../../test/fixtures';
import type {
  AddClaimToSection,
  CreateSection,
  PublishSection,
  RemoveClaimFromSection,
  ReopenSection,
  ReviseSection,
  SignOffSectionEvidence,
  SignOffSectionMedical,
  UnpublishSection,
} from './section.decider';
import type { ClaimView } from '../claim/claim.decider';
import { BadInput, Forbidden, InvalidTransition, NotFound, SeparationOfDuties } from '../errors';
import type { SectionEvent, SectionRevised } from './section.decider';
import { LIMITS, REVIEW_STATES, type Actor, type ReviewState, type SnapshotEntry } from '../types';
import { allowedSectionActions, sectionDecider } from './section.decider';

const spec = deciderSpecification(sectionDecider);

const views = (state: ReviewState, ids = ['c1', 'c2']): ClaimView[] => ids.map((id) => claimViewOf(id, state));
const snapshotOf = (claims: ClaimView[]): SnapshotEntry[] =>
  claims.map(({ claimId, textRevision, textHash, text }) => ({ claimId, textRevision, textHash, text }));

const evidenceSignedOff = (by: Actor = checker): SectionEvent => ({ type: 'SectionEvidenceChecked', data: { signedOffBy: by } });
const medicalSignedOff = (by: Actor = reviewer): SectionEvent => ({ type: 'SectionMedicallyReviewed', data: { signedOffBy: by } });
const published = (claims = views('MEDICALLY_REVIEWED'), withdrawnClaimIds: string[] = []): SectionEvent => ({
  type: 'SectionPublished',
  data: { snapshot: snapshotOf(claims), publishedBy: publisher, withdrawnClaimIds },
});
const sectionReopened = (claimId = 'c1'): SectionEvent => ({
  type: 'SectionReopened',
  data: { claimId, cause: `claim ${claimId} was revised` },
});
const revisedEvent = (
  change: SectionRevised['data']['change'],
  heading: string,
  claimIds: string[],
  addedClaimId: string | null = null,
  removedClaimId: string | null = null,
): SectionRevised => ({
  type: 'SectionRevised',
  data: { change, heading, claimIds, addedClaimId, removedClaimId, revisedBy: editor },
});

/** Histories that leave section s1 (claims c1, c2) in each state. */
const sectionHistories: Record<ReviewState, SectionEvent[]> = {
  DRAFTED: [sectionCreated()],
  EVIDENCE_CHECKED: [sectionCreated(), evidenceSignedOff()],
  MEDICALLY_REVIEWED: [sectionCreated(), evidenceSignedOff(), medicalSignedOff()],
  PUBLISHED: [sectionCreated(), evidenceSignedOff(), medicalSignedOff(), published()],
};
/** Published, then reopened by a claim's revision: DRAFTED with a live snapshot. */
const reopenedWhileLive = [...sectionHistories.PUBLISHED, sectionReopened()];

const createSection = (overrides: Partial<CreateSection> = {}): CreateSection => ({
  type: 'CreateSection',
  actor: editor,
  sectionId: 's1',
  articleId: 'a1',
  heading: 'Potential ADHD Treatment',
  position: 1,
  claimIds: ['c1', 'c2'],
  ...overrides,
});
const reviseSection = (overrides: Partial<ReviseSection> = {}): ReviseSection => ({
  type: 'ReviseSection',
  actor: editor,
  heading: null,
  claimOrder: null,
  ...overrides,
});
const addClaim = (overrides: Partial<AddClaimToSection> = {}): AddClaimToSection => ({
  type: 'AddClaimToSection',
  actor: editor,
  claimId: 'c3',
  position: null,
  ...overrides,
});
const removeClaim = (overrides: Partial<RemoveClaimFromSection> = {}): RemoveClaimFromSection => ({
  type: 'RemoveClaimFromSection',
  actor: editor,
  claimId: 'c2',
  ...overrides,
});
const reopenSection = (claimId = 'c1'): ReopenSection => ({ type: 'ReopenSection', claimId, cause: `claim ${claimId} was revised` });
const signOffEvidence = (overrides: Partial<SignOffSectionEvidence> = {}): SignOffSectionEvidence => ({
  type: 'SignOffSectionEvidence',
  actor: checker,
  claims: views('EVIDENCE_CHECKED'),
  ...overrides,
});
const signOffMedical = (overrides: Partial<SignOffSectionMedical> = {}): SignOffSectionMedical => ({
  type: 'SignOffSectionMedical',
  actor: reviewer,
  claims: views('MEDICALLY_REVIEWED'),
  ...overrides,
});
const publishSection = (overrides: Partial<PublishSection> = {}): PublishSection => ({
  type: 'PublishSection',
  actor: publisher,
  claims: views('MEDICALLY_REVIEWED'),
  ...overrides,
});
const unpublishSection = (overrides: Partial<UnpublishSection> = {}): UnpublishSection => ({
  type: 'UnpublishSection',
  actor: publisher,
  reason: 'wrong dose in the second sentence',
  ...overrides,
});

const invalidTransition = (history: SectionEvent[]) => {
  const state = stateAfter(sectionDecider, history);
  return (error: InvalidTransition) =>
    error.state === state.state && JSON.stringify(error.allowed) === JSON.stringify(allowedSectionActions(state));
};

describe('section decider', () => {
  describe('CreateSection (a section stream starts at import)', () => {
    it('creates the section in DRAFTED with its heading, position and claims', () => {
      spec.given([]).when(createSection()).then([sectionCreated()]);
      expect(stateAfter(sectionDecider, [sectionCreated()])).toMatchObject({
        exists: true,
        state: 'DRAFTED',
        claimIds: ['c1', 'c2'],
        liveSnapshot: null,
      });
    });

    it('creates the lead section, headless, at position 0', () => {
      spec
        .given([])
        .when(createSection({ heading: '', position: 0 }))
        .then([sectionCreated(['c1', 'c2'], { heading: '', position: 0 })]);
    });

    it('creates a section with no claims yet (a heading with nothing under it)', () => {
      spec.given([]).when(createSection({ claimIds: [] })).then([sectionCreated([])]);
    });

    it.each(actorsWithout('EDITOR'))('refuses a %s: only an EDITOR creates sections', (_, actor) => {
      spec.given([]).when(createSection({ actor })).thenThrows(Forbidden, { requiredRoles: ['EDITOR'] });
    });

    it.each([
      ['a heading over the limit', { heading: 'h'.repeat(LIMITS.heading + 1) }, 'heading'],
      ['a negative position', { position: -1 }, 'position'],
      ['a fractional position', { position: 0.5 }, 'position'],
      ['a claim listed twice', { claimIds: ['c1', 'c1'] }, 'claimIds'],
      ['an empty claim id', { claimIds: [''] }, 'claimIds'],
      ['too many claims', { claimIds: Array.from({ length: LIMITS.claimsPerSection + 1 }, (_, i) => `c${i}`) }, 'claimIds'],
      ['an empty section id', { sectionId: '' }, 'sectionId'],
      ['an empty article id', { articleId: '' }, 'articleId'],
    ])('refuses %s as BAD_USER_INPUT on its field', (_, overrides: Partial<CreateSection>, field) => {
      spec.given([]).when(createSection(overrides)).thenThrows(BadInput, { field });
    });

    it('refuses to create a section that exists as INVALID_TRANSITION', () => {
      spec.given(sectionHistories.PUBLISHED).when(createSection()).thenThrows(InvalidTransition, invalidTransition(sectionHistories.PUBLISHED));
    });
  });

  describe('ReviseSection', () => {
    it.each(REVIEW_STATES)('revises the heading of a section in %s, with the whole resulting section', (state) => {
      spec
        .given(sectionHistories[state])
        .when(reviseSection({ heading: 'May Treat ADHD' }))
        .then([revisedEvent('HEADING', 'May Treat ADHD', ['c1', 'c2'])]);
    });

    it.each(REVIEW_STATES)('reorders the claims of a section in %s', (state) => {
      spec
        .given(sectionHistories[state])
        .when(reviseSection({ claimOrder: ['c2', 'c1'] }))
        .then([revisedEvent('REORDERED', 'Potential ADHD Treatment', ['c2', 'c1'])]);
    });

    it('records a heading and an order given together as two revisions', () => {
      spec
        .given(sectionHistories.DRAFTED)
        .when(reviseSection({ heading: 'May Treat ADHD', claimOrder: ['c2', 'c1'] }))
        .then([revisedEvent('HEADING', 'May Treat ADHD', ['c1', 'c2']), revisedEvent('REORDERED', 'May Treat ADHD', ['c2', 'c1'])]);
    });

    it('appends nothing when neither the heading nor the order would change, keeping the sign-offs', () => {
      spec
        .given(sectionHistories.MEDICALLY_REVIEWED)
        .when(reviseSection({ heading: 'Potential ADHD Treatment', claimOrder: ['c1', 'c2'] }))
        .thenNothingHappens();
    });

    it('sends the section to DRAFTED and clears its sign-offs, keeping its live snapshot', () => {
      const state = stateAfter(sectionDecider, [...sectionHistories.PUBLISHED, revisedEvent('HEADING', 'New', ['c1', 'c2'])]);
      expect(state).toMatchObject({
        state: 'DRAFTED',
        heading: 'New',
        evidenceSignedOffBy: null,
        medicalSignedOffBy: null,
        liveSnapshot: snapshotOf(views('MEDICALLY_REVIEWED')),
      });
    });

    it.each(actorsWithout('EDITOR'))('refuses a %s: only an EDITOR revises sections', (_, actor) => {
      spec.given(sectionHistories.DRAFTED).when(reviseSection({ actor, heading: 'x' })).thenThrows(Forbidden);
    });

    it('refuses a revision that names neither heading nor order', () => {
      spec.given(sectionHistories.DRAFTED).when(reviseSection()).thenThrows(BadInput, { field: 'heading' });
    });

    it.each([
      ['an empty heading', { heading: '' }, 'heading'],
      ['a blank heading', { heading: '   ' }, 'heading'],
      ['a heading over the limit', { heading: 'h'.repeat(LIMITS.heading + 1) }, 'heading'],
      ['a claim listed twice in the order', { claimOrder: ['c1', 'c1'] }, 'claimOrder'],
      ['an empty id in the order', { claimOrder: ['c1', ''] }, 'claimOrder'],
    ])('refuses %s as BAD_USER_INPUT on its field', (_, overrides: Partial<ReviseSection>, field) => {
      spec.given(sectionHistories.DRAFTED).when(reviseSection(overrides)).thenThrows(BadInput, { field });
    });

    it('refuses a section that does not exist as NOT_FOUND', () => {
      spec.given([]).when(reviseSection({ heading: 'x' })).thenThrows(NotFound);
    });

    it('refuses an order naming a claim the section does not hold as NOT_FOUND', () => {
      spec.given(sectionHistories.DRAFTED).when(reviseSection({ claimOrder: ['c2', 'c9'] })).thenThrows(NotFound);
    });

    it('refuses an order that leaves a claim out as BAD_USER_INPUT', () => {
      spec.given(sectionHistories.DRAFTED).when(reviseSection({ claimOrder: ['c2'] })).thenThrows(BadInput, { field: 'claimOrder' });
    });
  });

  describe('AddClaimToSection', () => {
    it.each(REVIEW_STATES)('appends a claim to a section in %s', (state) => {
      spec
        .given(sectionHistories[state])
        .when(addClaim())
        .then([revisedEvent('CLAIM_ADDED', 'Potential ADHD Treatment', ['c1', 'c2', 'c3'], 'c3')]);
    });

    it('inserts a claim at a position', () => {
      spec
        .given(sectionHistories.DRAFTED)
        .when(addClaim({ position: 0 }))
        .then([revisedEvent('CLAIM_ADDED', 'Potential ADHD Treatment', ['c3', 'c1', 'c2'], 'c3')]);
    });

    it('adds a first claim to an empty section', () => {
      spec
        .given([sectionCreated([])])
        .when(addClaim({ position: 0 }))
        .then([revisedEvent('CLAIM_ADDED', 'Potential ADHD Treatment', ['c3'], 'c3')]);
    });

    it('keeps the approvals of the other claims: only the section goes back to DRAFTED', () => {
      const state = stateAfter(sectionDecider, [
        ...sectionHistories.MEDICALLY_REVIEWED,
        revisedEvent('CLAIM_ADDED', 'Potential ADHD Treatment', ['c1', 'c2', 'c3'], 'c3'),
      ]);
      expect(state).toMatchObject({ state: 'DRAFTED', claimIds: ['c1', 'c2', 'c3'], medicalSignedOffBy: null });
    });

    it.each(actorsWithout('EDITOR'))('refuses a %s: only an EDITOR adds claims', (_, actor) => {
      spec.given(sectionHistories.DRAFTED).when(addClaim({ actor })).thenThrows(Forbidden);
    });

    it.each([
      ['an empty claim id', { claimId: '' }, 'claimId'],
      ['a negative position', { position: -1 }, 'position'],
    ])('refuses %s as BAD_USER_INPUT on its field', (_, overrides: Partial<AddClaimToSection>, field) => {
      spec.given(sectionHistories.DRAFTED).when(addClaim(overrides)).thenThrows(BadInput, { field });
    });

    it('refuses a section that does not exist as NOT_FOUND', () => {
      spec.given([]).when(addClaim()).thenThrows(NotFound);
    });

    it('refuses a claim the section already holds', () => {
      spec.given(sectionHistories.DRAFTED).when(addClaim({ claimId: 'c1' })).thenThrows(BadInput, { field: 'claimId' });
    });

    it('refuses a position past the end', () => {
      spec.given(sectionHistories.DRAFTED).when(addClaim({ position: 3 })).thenThrows(BadInput, { field: 'position' });
    });

    it('refuses a claim beyond the limit of claims per section', () => {
      const full = Array.from({ length: LIMITS.claimsPerSection }, (_, i) => `c${i + 10}`);
      spec.given([sectionCreated(full)]).when(addClaim()).thenThrows(BadInput, { field: 'claimId' });
    });
  });

  describe('RemoveClaimFromSection', () => {
    it.each(REVIEW_STATES)('removes a claim from a section in %s', (state) => {
      spec
        .given(sectionHistories[state])
        .when(removeClaim())
        .then([revisedEvent('CLAIM_REMOVED', 'Potential ADHD Treatment', ['c1'], null, 'c2')]);
    });

    it('may remove the last claim, leaving an empty section', () => {
      spec
        .given([sectionCreated(['c2'])])
        .when(removeClaim())
        .then([revisedEvent('CLAIM_REMOVED', 'Potential ADHD Treatment', [], null, 'c2')]);
    });

    it('leaves the removed claim in the live snapshot until the next publish', () => {
      const state = stateAfter(sectionDecider, [
        ...sectionHistories.PUBLISHED,
        revisedEvent('CLAIM_REMOVED', 'Potential ADHD Treatment', ['c1'], null, 'c2'),
      ]);
      expect(state.liveSnapshot?.map((entry) => entry.claimId)).toEqual(['c1', 'c2']);
    });

    it.each(actorsWithout('EDITOR'))('refuses a %s: only an EDITOR removes claims', (_, actor) => {
      spec.given(sectionHistories.DRAFTED).when(removeClaim({ actor })).thenThrows(Forbidden);
    });

    it('refuses an empty claim id as BAD_USER_INPUT', () => {
      spec.given(sectionHistories.DRAFTED).when(removeClaim({ claimId: '' })).thenThrows(BadInput, { field: 'claimId' });
    });

    it('refuses a section that does not exist as NOT_FOUND', () => {
      spec.given([]).when(removeClaim()).thenThrows(NotFound);
    });

    it('refuses a claim the section does not hold as NOT_FOUND', () => {
      spec.given(sectionHistories.DRAFTED).when(removeClaim({ claimId: 'c9' })).thenThrows(NotFound);
    });
  });

  describe('ReopenSection (reaction to a claim revised, sent back or reopened)', () => {
    it.each(['EVIDENCE_CHECKED', 'MEDICALLY_REVIEWED', 'PUBLISHED'] as const)('reopens a section in %s', (state) => {
      spec.given(sectionHistories[state]).when(reopenSection()).then([sectionReopened()]);
      expect(stateAfter(sectionDecider, [...sectionHistories[state], sectionReopened()])).toMatchObject({
        state: 'DRAFTED',
        evidenceSignedOffBy: null,
        medicalSignedOffBy: null,
      });
    });

    it('keeps what is live when a published section reopens', () => {
      expect(stateAfter(sectionDecider, reopenedWhileLive).liveSnapshot).toEqual(snapshotOf(views('MEDICALLY_REVIEWED')));
    });

    it('appends nothing for a section already DRAFTED (idempotent)', () => {
      spec.given(sectionHistories.DRAFTED).when(reopenSection()).thenNothingHappens();
      spec.given(reopenedWhileLive).when(reopenSection()).thenNothingHappens();
    });

    it('appends nothing for a claim that has left the section', () => {
      spec.given(sectionHistories.PUBLISHED).when(reopenSection('c9')).thenNothingHappens();
    });

    it('refuses a section that does not exist as NOT_FOUND', () => {
      spec.given([]).when(reopenSection()).thenThrows(NotFound);
    });
  });

  describe('SignOffSectionEvidence', () => {
    it('signs off a drafted section whose claims are all evidence-checked', () => {
      spec.given(sectionHistories.DRAFTED).when(signOffEvidence()).then([evidenceSignedOff()]);
      expect(stateAfter(sectionDecider, sectionHistories.EVIDENCE_CHECKED)).toMatchObject({
        state: 'EVIDENCE_CHECKED',
        evidenceSignedOffBy: checker,
      });
    });

    it('accepts claims further along than EVIDENCE_CHECKED', () => {
      spec
        .given(sectionHistories.DRAFTED)
        .when(signOffEvidence({ claims: [claimViewOf('c1', 'PUBLISHED'), claimViewOf('c2', 'MEDICALLY_REVIEWED')] }))
        .then([evidenceSignedOff()]);
    });

    it('signs off a reopened section again', () => {
      spec.given(reopenedWhileLive).when(signOffEvidence({ actor: otherChecker })).then([evidenceSignedOff(otherChecker)]);
    });

    it.each(actorsWithout('FACT_CHECKER'))('refuses a %s: only a FACT_CHECKER signs off evidence', (_, actor) => {
      spec.given(sectionHistories.DRAFTED).when(signOffEvidence({ actor })).thenThrows(Forbidden, { requiredRoles: ['FACT_CHECKER'] });
    });

    it('refuses a claim listed twice as BAD_USER_INPUT', () => {
      spec
        .given(sectionHistories.DRAFTED)
        .when(signOffEvidence({ claims: [claimViewOf('c1', 'EVIDENCE_CHECKED'), claimViewOf('c1', 'EVIDENCE_CHECKED')] }))
        .thenThrows(BadInput, { field: 'claims' });
    });

    it('refuses a section that does not exist as NOT_FOUND', () => {
      spec.given([]).when(signOffEvidence()).thenThrows(NotFound);
    });

    it.each(['EVIDENCE_CHECKED', 'MEDICALLY_REVIEWED', 'PUBLISHED'] as const)(
      'refuses a section in %s as INVALID_TRANSITION with the allowed actions',
      (state) => {
        spec.given(sectionHistories[state]).when(signOffEvidence()).thenThrows(InvalidTransition, invalidTransition(sectionHistories[state]));
      },
    );

    it('refuses while a claim is not yet evidence-checked, naming it', () => {
      spec
        .given(sectionHistories.DRAFTED)
        .when(signOffEvidence({ claims: [claimViewOf('c1', 'EVIDENCE_CHECKED'), claimViewOf('c2', 'DRAFTED')] }))
        .thenThrows(BadInput, (error) => error.field === 'claims' && error.message.includes('c2 (DRAFTED)'));
    });

    it.each([
      ['a claim missing', ['c1']],
      ['a claim the section does not hold', ['c1', 'c2', 'c3']],
      ["claims out of the section's order", ['c2', 'c1']],
    ])('refuses claims that are not the section’s (%s)', (_, ids) => {
      spec
        .given(sectionHistories.DRAFTED)
        .when(signOffEvidence({ claims: views('EVIDENCE_CHECKED', ids) }))
        .thenThrows(BadInput, { field: 'claims' });
    });

    it('refuses a section with no claims: a sign-off over nothing vouches for nothing', () => {
      spec.given([sectionCreated([])]).when(signOffEvidence({ claims: [] })).thenThrows(BadInput, { field: 'claims' });
    });
  });

  describe('SignOffSectionMedical', () => {
    it('signs off an evidence-checked section whose claims are all medically reviewed', () => {
      spec.given(sectionHistories.EVIDENCE_CHECKED).when(signOffMedical()).then([medicalSignedOff()]);
      expect(stateAfter(sectionDecider, sectionHistories.MEDICALLY_REVIEWED)).toMatchObject({
        state: 'MEDICALLY_REVIEWED',
        medicalSignedOffBy: reviewer,
      });
    });

    it('accepts published claims (they are medically reviewed at their text revision)', () => {
      spec
        .given(sectionHistories.EVIDENCE_CHECKED)
        .when(signOffMedical({ claims: views('PUBLISHED') }))
        .then([medicalSignedOff()]);
    });

    it.each(actorsWithout('MEDICAL_REVIEWER'))('refuses a %s: only a MEDICAL_REVIEWER signs off medically', (_, actor) => {
      spec
        .given(sectionHistories.EVIDENCE_CHECKED)
        .when(signOffMedical({ actor }))
        .thenThrows(Forbidden, { requiredRoles: ['MEDICAL_REVIEWER'] });
    });

    it('refuses a section that does not exist as NOT_FOUND', () => {
      spec.given([]).when(signOffMedical()).thenThrows(NotFound);
    });

    it.each(['DRAFTED', 'MEDICALLY_REVIEWED', 'PUBLISHED'] as const)(
      'refuses a section in %s as INVALID_TRANSITION with the allowed actions',
      (state) => {
        spec.given(sectionHistories[state]).when(signOffMedical()).thenThrows(InvalidTransition, invalidTransition(sectionHistories[state]));
      },
    );

    it("refuses the user who signed off the section's evidence, whatever roles they hold", () => {
      spec
        .given([sectionCreated(), evidenceSignedOff(polymath)])
        .when(signOffMedical({ actor: polymath }))
        .thenThrows(SeparationOfDuties, { code: 'SEPARATION_OF_DUTIES' });
    });

    it('checks INVALID_TRANSITION before SEPARATION_OF_DUTIES', () => {
      spec
        .given([sectionCreated(), evidenceSignedOff(polymath), medicalSignedOff()])
        .when(signOffMedical({ actor: polymath }))
        .thenThrows(InvalidTransition);
    });

    it('checks SEPARATION_OF_DUTIES before the claims', () => {
      spec
        .given([sectionCreated(), evidenceSignedOff(polymath)])
        .when(signOffMedical({ actor: polymath, claims: views('DRAFTED') }))
        .thenThrows(SeparationOfDuties);
    });

    it('lets the evidence signer of an earlier round sign off medically now', () => {
      spec
        .given([sectionCreated(), evidenceSignedOff(polymath), sectionReopened(), evidenceSignedOff(otherChecker)])
        .when(signOffMedical({ actor: polymath }))
        .then([medicalSignedOff(polymath)]);
    });

    it('refuses while a claim is only evidence-checked', () => {
      spec
        .given(sectionHistories.EVIDENCE_CHECKED)
        .when(signOffMedical({ claims: [claimViewOf('c1', 'MEDICALLY_REVIEWED'), claimViewOf('c2', 'EVIDENCE_CHECKED')] }))
        .thenThrows(BadInput, (error) => error.field === 'claims' && error.message.includes('c2 (EVIDENCE_CHECKED)'));
    });

    it("refuses claims that are not the section's", () => {
      spec
        .given(sectionHistories.EVIDENCE_CHECKED)
        .when(signOffMedical({ claims: views('MEDICALLY_REVIEWED', ['c1']) }))
        .thenThrows(BadInput, { field: 'claims' });
    });
  });

  describe('PublishSection', () => {
    it('publishes a medically reviewed section with a snapshot of its claims in section order', () => {
      const claims = [claimViewOf('c1', 'MEDICALLY_REVIEWED', 3), claimViewOf('c2', 'PUBLISHED', 1)];
      spec
        .given(sectionHistories.MEDICALLY_REVIEWED)
        .when(publishSection({ claims }))
        .then([published(claims)]);
    });

    it('makes the snapshot live and the section PUBLISHED', () => {
      expect(stateAfter(sectionDecider, sectionHistories.PUBLISHED)).toMatchObject({
        state: 'PUBLISHED',
        liveSnapshot: snapshotOf(views('MEDICALLY_REVIEWED')),
      });
    });

    it('names the claims a republish leaves out of the live text', () => {
      const history = [
        ...sectionHistories.PUBLISHED,
        revisedEvent('CLAIM_REMOVED', 'Potential ADHD Treatment', ['c1'], null, 'c2'),
        evidenceSignedOff(),
        medicalSignedOff(),
      ];
      const claims = views('MEDICALLY_REVIEWED', ['c1']);
      spec.given(history).when(publishSection({ claims })).then([published(claims, ['c2'])]);
      expect(stateAfter(sectionDecider, [...history, published(claims, ['c2'])]).liveSnapshot).toEqual(snapshotOf(claims));
    });

    it.each(actorsWithout('PUBLISHER'))('refuses a %s: only a PUBLISHER publishes', (_, actor) => {
      spec.given(sectionHistories.MEDICALLY_REVIEWED).when(publishSection({ actor })).thenThrows(Forbidden, { requiredRoles: ['PUBLISHER'] });
    });

    it('refuses a section that does not exist as NOT_FOUND', () => {
      spec.given([]).when(publishSection()).thenThrows(NotFound);
    });

    it.each(['DRAFTED', 'EVIDENCE_CHECKED', 'PUBLISHED'] as const)(
      'refuses a section in %s as INVALID_TRANSITION with the allowed actions',
      (state) => {
        spec.given(sectionHistories[state]).when(publishSection()).thenThrows(InvalidTransition, invalidTransition(sectionHistories[state]));
      },
    );

    it('refuses when a claim moved back since the medical sign-off', () => {
      spec
        .given(sectionHistories.MEDICALLY_REVIEWED)
        .when(publishSection({ claims: [claimViewOf('c1', 'MEDICALLY_REVIEWED'), claimViewOf('c2', 'DRAFTED', 2)] }))
        .thenThrows(BadInput, { field: 'claims' });
    });

    it("refuses claims that are not the section's", () => {
      spec
        .given(sectionHistories.MEDICALLY_REVIEWED)
        .when(publishSection({ claims: views('MEDICALLY_REVIEWED', ['c2', 'c1']) }))
        .thenThrows(BadInput, { field: 'claims' });
    });

    it('refuses a claim whose text does not match its hash: the snapshot must bind what was approved', () => {
      const [c1, c2] = views('MEDICALLY_REVIEWED');
      spec
        .given(sectionHistories.MEDICALLY_REVIEWED)
        .when(publishSection({ claims: [c1, { ...c2, text: 'Take 100 g daily.' }] }))
        .thenThrows(BadInput, (error) => error.field === 'claims' && error.message.includes('c2'));
    });
  });

  describe('UnpublishSection', () => {
    const unpublished = (by: Actor = publisher): SectionEvent => ({
      type: 'SectionUnpublished',
      data: { unpublishedBy: by, withdrawnClaimIds: ['c1', 'c2'] },
    });

    it('takes a published section down: DRAFTED, nothing live, sign-offs cleared', () => {
      spec.given(sectionHistories.PUBLISHED).when(unpublishSection()).then([unpublished()]);
      expect(stateAfter(sectionDecider, [...sectionHistories.PUBLISHED, unpublished()])).toMatchObject({
        state: 'DRAFTED',
        liveSnapshot: null,
        evidenceSignedOffBy: null,
        medicalSignedOffBy: null,
      });
    });

    it('takes down the live snapshot of a section reopened since it was published', () => {
      spec.given(reopenedWhileLive).when(unpublishSection()).then([unpublished()]);
    });

    it('withdraws every claim of the live snapshot, including one removed from the section since', () => {
      spec
        .given([...sectionHistories.PUBLISHED, revisedEvent('CLAIM_REMOVED', 'Potential ADHD Treatment', ['c1'], null, 'c2')])
        .when(unpublishSection())
        .then([unpublished()]);
    });

    it('lets an ADMIN take text down at once', () => {
      spec.given(sectionHistories.PUBLISHED).when(unpublishSection({ actor: admin })).then([unpublished(admin)]);
    });

    it.each(actorsWithout('PUBLISHER', 'ADMIN'))('refuses a %s: only a PUBLISHER or an ADMIN unpublishes', (_, actor) => {
      spec
        .given(sectionHistories.PUBLISHED)
        .when(unpublishSection({ actor }))
        .thenThrows(Forbidden, { requiredRoles: ['PUBLISHER', 'ADMIN'] });
    });

    it.each([
      ['an empty reason', ''],
      ['a reason over the limit', 'r'.repeat(LIMITS.reason + 1)],
    ])('refuses %s as BAD_USER_INPUT on reason', (_, reason) => {
      spec.given(sectionHistories.PUBLISHED).when(unpublishSection({ reason })).thenThrows(BadInput, { field: 'reason' });
    });

    it('refuses a section that does not exist as NOT_FOUND', () => {
      spec.given([]).when(unpublishSection()).thenThrows(NotFound);
    });

    it.each(['DRAFTED', 'EVIDENCE_CHECKED', 'MEDICALLY_REVIEWED'] as const)(
      'refuses a section in %s with nothing live as INVALID_TRANSITION',
      (state) => {
        spec.given(sectionHistories[state]).when(unpublishSection()).thenThrows(InvalidTransition, invalidTransition(sectionHistories[state]));
      },
    );

    it('refuses a second unpublish (nothing live any more)', () => {
      const history = [...sectionHistories.PUBLISHED, unpublished()];
      spec.given(history).when(unpublishSection()).thenThrows(InvalidTransition, invalidTransition(history));
    });
  });

  describe('the whole review of one section', () => {
    it('goes draft → evidence → medical → published → reopened → signed again → republished', () => {
      let history: SectionEvent[] = [];
      const step = (command: Parameters<typeof sectionDecider.decide>[0]) => {
        history = [...history, ...sectionDecider.decide(command, stateAfter(sectionDecider, history))];
      };
      step(createSection());
      step(signOffEvidence());
      step(signOffMedical());
      step(publishSection());
      step(reopenSection('c2'));
      step(signOffEvidence({ actor: otherChecker }));
      step(signOffMedical());
      step(publishSection({ claims: [claimViewOf('c1', 'PUBLISHED'), claimViewOf('c2', 'MEDICALLY_REVIEWED', 2)] }));
      expect(history.map((event) => event.type)).toEqual([
        'SectionCreated',
        'SectionEvidenceChecked',
        'SectionMedicallyReviewed',
        'SectionPublished',
        'SectionReopened',
        'SectionEvidenceChecked',
        'SectionMedicallyReviewed',
        'SectionPublished',
      ]);
      expect(stateAfter(sectionDecider, history).liveSnapshot?.map((entry) => [entry.claimId, entry.textRevision])).toEqual([
        ['c1', 1],
        ['c2', 2],
      ]);
    });
  });

  describe('allowed actions', () => {
    const edits = ['reviseSection', 'addClaim', 'removeClaim'];
    it.each([
      ['DRAFTED', sectionHistories.DRAFTED, [...edits, 'signOffSectionEvidence']],
      ['EVIDENCE_CHECKED', sectionHistories.EVIDENCE_CHECKED, [...edits, 'signOffSectionMedical']],
      ['MEDICALLY_REVIEWED', sectionHistories.MEDICALLY_REVIEWED, [...edits, 'publishSection']],
      ['PUBLISHED', sectionHistories.PUBLISHED, [...edits, 'unpublishSection']],
      ['DRAFTED with a live snapshot', reopenedWhileLive, [...edits, 'signOffSectionEvidence', 'unpublishSection']],
    ])('in %s are the edits, the next step and unpublish when something is live', (_, history, allowed) => {
      expect(allowedSectionActions(stateAfter(sectionDecider, history))).toEqual(allowed);
    });
  });
});
