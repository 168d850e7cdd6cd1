import { deciderSpecification, stateAfter } from '../../test/decider-specification';
import {
  actorsWithout,
  auditor,
  checker,
  claimDrafted,
  claimHistories,
  DUE,
  NOW,
  ONE_YEAR,
  claimPublished,
  claimRevised,
  claimText,
  editor,
  evidenceFor,
  evidencePassed,
  medicallyApproved,
  otherChecker,
  otherEditor,
  otherReviewer,
  polymath,
  references,
  revisedText,
  reviewer,
} from '../../test/fixtures';
import type {
  DraftClaim,
  ProposeClaimRevision,
  PublishClaim,
  RecordEvidenceCheck,
  RecordMedicalReview,
  ReopenClaim,
  UnpublishClaim,
} from './claim.decider';
import { BadInput, Forbidden, InvalidTransition, NotFound, SeparationOfDuties } from '../errors';
import type { ClaimEvent } from './claim.decider';
import { textHash } from '../text-hash';
import { LIMITS, REVIEW_STATES, type Actor, type Evidence, type ReviewState } from '../types';
import { allowedClaimActions, claimDecider, claimView } from './claim.decider';

const spec = deciderSpecification(claimDecider);

const draftClaim = (overrides: Partial<DraftClaim> = {}): DraftClaim => ({
  type: 'DraftClaim',
  actor: editor,
  claimId: 'c1',
  articleId: 'a1',
  sectionId: 's1',
  text: claimText,
  citations: [1, 2],
  references,
  ...overrides,
});
const proposeRevision = (overrides: Partial<ProposeClaimRevision> = {}): ProposeClaimRevision => ({
  type: 'ProposeClaimRevision',
  actor: otherEditor,
  text: revisedText,
  citations: [1, 2],
  reason: 'soften the claim: no approval yet',
  references,
  ...overrides,
});
const evidenceCheck = (overrides: Partial<RecordEvidenceCheck> = {}): RecordEvidenceCheck => ({
  type: 'RecordEvidenceCheck',
  actor: checker,
  verdict: 'PASS',
  evidence: evidenceFor(1, 2),
  noCitationNeeded: false,
  reason: 'both trials say so',
  references,
  ...overrides,
});
const medicalReview = (overrides: Partial<RecordMedicalReview> = {}): RecordMedicalReview => ({
  type: 'RecordMedicalReview',
  actor: reviewer,
  decision: 'APPROVE',
  reason: 'dose and claim match the cited trials',
  now: NOW,
  approvalValidity: ONE_YEAR,
  acknowledgeWordingFlags: false,
  ...overrides,
});
const publishClaim = (overrides: Partial<PublishClaim> = {}): PublishClaim => ({
  type: 'PublishClaim',
  sectionId: 's1',
  textRevision: 1,
  textHash: textHash(claimText),
  text: claimText,
  ...overrides,
});
const unpublishClaim: UnpublishClaim = { type: 'UnpublishClaim', sectionId: 's1' };
const reopenClaim = (referenceNumber = 2): ReopenClaim => ({
  type: 'ReopenClaim',
  referenceNumber,
  cause: `reference [${referenceNumber}] was amended`,
});

const invalidTransitionIn = (state: ReviewState) => (error: InvalidTransition) =>
  error.state === state && JSON.stringify(error.allowed) === JSON.stringify(allowedClaimActions({ ...claimDecider.initialState, state }));

const notDrafted = REVIEW_STATES.filter((state) => state !== 'DRAFTED');

describe('claim decider', () => {
  describe('DraftClaim (a claim stream starts, at import or addClaim)', () => {
    it('drafts text revision 1 with its citations, authored by the editor', () => {
      spec.given([]).when(draftClaim()).then([claimDrafted()]);
    });

    it('flags a claim without citations as citationNeeded', () => {
      spec
        .given([])
        .when(draftClaim({ citations: [] }))
        .then([claimDrafted({ citations: [], citationNeeded: true })]);
    });

    it('accepts a cited number whose reference is still unresolved', () => {
      spec
        .given([])
        .when(draftClaim({ citations: [3] }))
        .then([claimDrafted({ citations: [3] })]);
    });

    it.each(actorsWithout('EDITOR'))('refuses a %s: only an EDITOR drafts claims', (_, actor) => {
      spec.given([]).when(draftClaim({ actor })).thenThrows(Forbidden, { code: 'FORBIDDEN', requiredRoles: ['EDITOR'] });
    });

    it.each([
      ['empty text', { text: '' }, 'text'],
      ['blank text', { text: '  \n ' }, 'text'],
      ['text over the limit', { text: 'x'.repeat(LIMITS.claimText + 1) }, 'text'],
      ['a zero citation', { citations: [0] }, 'citations'],
      ['a negative citation', { citations: [-1] }, 'citations'],
      ['a fractional citation', { citations: [1.5] }, 'citations'],
      ['a repeated citation', { citations: [1, 1] }, 'citations'],
      ['too many citations', { citations: Array.from({ length: LIMITS.citationsPerClaim + 1 }, (_, i) => i + 1) }, 'citations'],
      ['an empty claim id', { claimId: '' }, 'claimId'],
      ['an over-long section id', { sectionId: 's'.repeat(LIMITS.id + 1) }, 'sectionId'],
    ])('refuses %s as BAD_USER_INPUT on its field', (_, overrides: Partial<DraftClaim>, field) => {
      spec.given([]).when(draftClaim(overrides)).thenThrows(BadInput, { code: 'BAD_USER_INPUT', field });
    });

    it('accepts text exactly at the limit', () => {
      const text = 'x'.repeat(LIMITS.claimText);
      spec.given([]).when(draftClaim({ text })).then([claimDrafted({ text })]);
    });

    it.each(REVIEW_STATES)('refuses a second draft of an existing claim in %s as INVALID_TRANSITION', (state) => {
      spec.given(claimHistories[state]).when(draftClaim()).thenThrows(InvalidTransition, invalidTransitionIn(state));
    });

    it('refuses a cited number missing from the reference list', () => {
      spec.given([]).when(draftClaim({ citations: [1, 7] })).thenThrows(BadInput, { field: 'citations' });
    });

    it('checks the role before the input', () => {
      spec.given([]).when(draftClaim({ actor: auditor, text: '' })).thenThrows(Forbidden);
    });

    it('checks the input before the state', () => {
      spec.given(claimHistories.DRAFTED).when(draftClaim({ text: '' })).thenThrows(BadInput, { field: 'text' });
    });
  });

  describe('ProposeClaimRevision', () => {
    it.each(REVIEW_STATES)('revises a claim in %s: next text revision, authored by the proposer', (state) => {
      spec
        .given(claimHistories[state])
        .when(proposeRevision())
        .then([claimRevised(2)]);
    });

    it('counts text revisions up from the last one', () => {
      spec
        .given([claimDrafted(), claimRevised(2), claimRevised(3)])
        .when(proposeRevision({ citations: [] }))
        .then([claimRevised(4, { citations: [], citationNeeded: true })]);
    });

    it('sends the claim back to DRAFTED, clearing evidence and both sign-offs', () => {
      const state = stateAfter(claimDecider, [...claimHistories.MEDICALLY_REVIEWED, claimRevised(2)]);
      expect(state).toMatchObject({
        state: 'DRAFTED',
        text: revisedText,
        textRevision: 2,
        textHash: textHash(revisedText),
        author: otherEditor,
        evidence: [],
        noCitationNeeded: false,
        evidenceCheckedBy: null,
        medicallyReviewedBy: null,
      });
    });

    it('keeps the published text live while the new draft is reviewed', () => {
      const state = stateAfter(claimDecider, [...claimHistories.PUBLISHED, claimRevised(2)]);
      expect(state).toMatchObject({
        state: 'DRAFTED',
        text: revisedText,
        publishedText: claimText,
        publishedTextRevision: 1,
        publishedTextHash: textHash(claimText),
      });
    });

    it.each(actorsWithout('EDITOR'))('refuses a %s: only an EDITOR proposes revisions', (_, actor) => {
      spec.given(claimHistories.DRAFTED).when(proposeRevision({ actor })).thenThrows(Forbidden, { requiredRoles: ['EDITOR'] });
    });

    it.each([
      ['empty text', { text: '' }, 'text'],
      ['text over the limit', { text: 'x'.repeat(LIMITS.claimText + 1) }, 'text'],
      ['a repeated citation', { citations: [2, 2] }, 'citations'],
      ['a zero citation', { citations: [0] }, 'citations'],
      ['an empty reason', { reason: '' }, 'reason'],
      ['a blank reason', { reason: '   ' }, 'reason'],
      ['a reason over the limit', { reason: 'r'.repeat(LIMITS.reason + 1) }, 'reason'],
    ])('refuses %s as BAD_USER_INPUT on its field', (_, overrides: Partial<ProposeClaimRevision>, field) => {
      spec.given(claimHistories.DRAFTED).when(proposeRevision(overrides)).thenThrows(BadInput, { field });
    });

    it('refuses a claim that does not exist as NOT_FOUND', () => {
      spec.given([]).when(proposeRevision()).thenThrows(NotFound, { code: 'NOT_FOUND' });
    });

    it('checks the input before whether the claim exists', () => {
      spec.given([]).when(proposeRevision({ text: '' })).thenThrows(BadInput, { field: 'text' });
    });

    it('refuses a cited number missing from the reference list, after NOT_FOUND', () => {
      spec.given(claimHistories.PUBLISHED).when(proposeRevision({ citations: [9] })).thenThrows(BadInput, { field: 'citations' });
      spec.given([]).when(proposeRevision({ citations: [9] })).thenThrows(NotFound);
    });
  });

  describe('RecordEvidenceCheck', () => {
    describe('PASS', () => {
      it('passes a drafted claim whose evidence covers each cited number', () => {
        spec.given(claimHistories.DRAFTED).when(evidenceCheck()).then([evidencePassed()]);
      });

      it('moves the claim to EVIDENCE_CHECKED, recording the checker and the evidence', () => {
        const state = stateAfter(claimDecider, claimHistories.EVIDENCE_CHECKED);
        expect(state).toMatchObject({ state: 'EVIDENCE_CHECKED', evidenceCheckedBy: checker, evidence: evidenceFor(1, 2) });
      });

      it("records the evidence in the claim's citation order, unnumbered notes last", () => {
        const note: Evidence = { referenceNumber: null, level: 'EXPERT_OPINION', locator: null, note: 'consistent with guidance' };
        spec
          .given(claimHistories.DRAFTED)
          .when(evidenceCheck({ evidence: [note, ...evidenceFor(2, 1)] }))
          .then([{ ...evidencePassed(), data: { ...evidencePassed().data, evidence: [...evidenceFor(1, 2), note] } }]);
      });

      it('passes a claim without citations when the checker says none is needed', () => {
        spec
          .given([claimDrafted({ citations: [], citationNeeded: true })])
          .when(evidenceCheck({ evidence: [], noCitationNeeded: true, reason: 'a definition, not a health claim' }))
          .then([{ type: 'EvidenceCheckPassed', data: { textRevision: 1, evidence: [], noCitationNeeded: true, checkedBy: checker } }]);
      });

      it('passes the current text revision of a revised claim', () => {
        spec
          .given([claimDrafted(), evidencePassed(), claimRevised(2)])
          .when(evidenceCheck())
          .then([evidencePassed(2)]);
      });

      it('passes after an earlier check failed', () => {
        spec
          .given([
            claimDrafted(),
            { type: 'EvidenceCheckFailed', data: { textRevision: 1, checkedBy: otherChecker, reason: 'locator missing' } },
          ])
          .when(evidenceCheck())
          .then([evidencePassed()]);
      });
    });

    describe('FAIL', () => {
      it('records the checker and the reason; the claim stays DRAFTED', () => {
        const failed: ClaimEvent = {
          type: 'EvidenceCheckFailed',
          data: { textRevision: 1, checkedBy: checker, reason: 'reference [2] is about adults' },
        };
        spec
          .given(claimHistories.DRAFTED)
          .when(evidenceCheck({ verdict: 'FAIL', evidence: [], reason: 'reference [2] is about adults' }))
          .then([failed]);
        expect(stateAfter(claimDecider, [claimDrafted(), failed])).toMatchObject({ state: 'DRAFTED', evidenceCheckedBy: null });
      });

      it('lets even the author record a failure: it sends nothing forward', () => {
        spec
          .given([claimDrafted({ author: polymath })])
          .when(evidenceCheck({ actor: polymath, verdict: 'FAIL', evidence: [] }))
          .then([{ type: 'EvidenceCheckFailed', data: { textRevision: 1, checkedBy: polymath, reason: 'both trials say so' } }]);
      });

      it('needs no evidence matching the citations', () => {
        spec
          .given(claimHistories.DRAFTED)
          .when(evidenceCheck({ verdict: 'FAIL', evidence: evidenceFor(7) }))
          .then([{ type: 'EvidenceCheckFailed', data: { textRevision: 1, checkedBy: checker, reason: 'both trials say so' } }]);
      });
    });

    it.each(actorsWithout('FACT_CHECKER'))('refuses a %s: only a FACT_CHECKER checks evidence', (_, actor) => {
      spec.given(claimHistories.DRAFTED).when(evidenceCheck({ actor })).thenThrows(Forbidden, { requiredRoles: ['FACT_CHECKER'] });
    });

    const entry = (overrides: Partial<Evidence>): Evidence => ({ ...evidenceFor(1)[0], ...overrides });
    it.each([
      ['an unknown verdict', { verdict: 'MAYBE' as 'PASS' }, 'verdict'],
      ['an empty reason', { reason: '' }, 'reason'],
      ['a reason over the limit', { reason: 'r'.repeat(LIMITS.reason + 1) }, 'reason'],
      ['an unknown evidence level', { evidence: [entry({ level: 'HEARSAY' as Evidence['level'] })] }, 'evidence'],
      ['a zero reference number', { evidence: [entry({ referenceNumber: 0 })] }, 'evidence'],
      ['a fractional reference number', { evidence: [entry({ referenceNumber: 1.5 })] }, 'evidence'],
      ['two entries for one number', { evidence: [entry({}), entry({ locator: 'p. 9' })] }, 'evidence'],
      ['an entry with neither locator nor note', { evidence: [entry({ locator: null, note: null })] }, 'evidence'],
      ['an entry with a blank locator and no note', { evidence: [entry({ locator: ' ', note: null })] }, 'evidence'],
      ['a locator over the limit', { evidence: [entry({ locator: 'l'.repeat(LIMITS.locator + 1) })] }, 'evidence'],
      ['a note over the limit', { evidence: [entry({ note: 'n'.repeat(LIMITS.note + 1) })] }, 'evidence'],
      [
        'too many evidence entries',
        { evidence: Array.from({ length: LIMITS.evidenceEntries + 1 }, () => entry({ referenceNumber: null })) },
        'evidence',
      ],
      ['a noCitationNeeded that is not a boolean', { noCitationNeeded: 'yes' as unknown as boolean }, 'noCitationNeeded'],
    ])('refuses %s as BAD_USER_INPUT on its field', (_, overrides: Partial<RecordEvidenceCheck>, field) => {
      spec.given(claimHistories.DRAFTED).when(evidenceCheck(overrides)).thenThrows(BadInput, { field });
    });

    it('accepts an entry located by a note alone', () => {
      const byNote = evidenceFor(1, 2).map((e) => ({ ...e, locator: null, note: 'table 2' }));
      spec
        .given(claimHistories.DRAFTED)
        .when(evidenceCheck({ evidence: byNote }))
        .then([{ ...evidencePassed(), data: { ...evidencePassed().data, evidence: byNote } }]);
    });

    it('refuses a claim that does not exist as NOT_FOUND', () => {
      spec.given([]).when(evidenceCheck()).thenThrows(NotFound);
    });

    it.each(notDrafted)('refuses a check of a claim in %s as INVALID_TRANSITION with the allowed actions', (state) => {
      spec.given(claimHistories[state]).when(evidenceCheck()).thenThrows(InvalidTransition, invalidTransitionIn(state));
      spec.given(claimHistories[state]).when(evidenceCheck({ verdict: 'FAIL' })).thenThrows(InvalidTransition, invalidTransitionIn(state));
    });

    describe('four eyes', () => {
      it('refuses the author of the current text as SEPARATION_OF_DUTIES', () => {
        spec
          .given([claimDrafted({ author: polymath })])
          .when(evidenceCheck({ actor: polymath }))
          .thenThrows(SeparationOfDuties, { code: 'SEPARATION_OF_DUTIES' });
      });

      it('refuses the author of a revision, whatever else they hold', () => {
        spec
          .given([claimDrafted(), claimRevised(2, { author: polymath })])
          .when(evidenceCheck({ actor: polymath }))
          .thenThrows(SeparationOfDuties);
      });

      it('lets the author of an earlier, replaced text check the current one', () => {
        spec
          .given([claimDrafted({ author: polymath }), claimRevised(2)])
          .when(evidenceCheck({ actor: polymath }))
          .then([evidencePassed(2, polymath)]);
      });

      it('checks INVALID_TRANSITION before SEPARATION_OF_DUTIES', () => {
        spec
          .given([claimDrafted({ author: polymath }), evidencePassed()])
          .when(evidenceCheck({ actor: polymath }))
          .thenThrows(InvalidTransition);
      });

      it('checks SEPARATION_OF_DUTIES before the rules that need the references', () => {
        spec
          .given([claimDrafted({ author: polymath })])
          .when(evidenceCheck({ actor: polymath, evidence: evidenceFor(1) }))
          .thenThrows(SeparationOfDuties);
      });
    });

    describe('rules that need the state', () => {
      it('refuses when a cited number is no longer in the reference list', () => {
        spec
          .given(claimHistories.DRAFTED)
          .when(evidenceCheck({ references: references.filter((r) => r.number !== 2) }))
          .thenThrows(BadInput, { field: 'citations' });
      });

      it('refuses when a cited number has no evidence entry', () => {
        spec
          .given(claimHistories.DRAFTED)
          .when(evidenceCheck({ evidence: evidenceFor(1) }))
          .thenThrows(BadInput, (error) => error.field === 'evidence' && error.message.includes('[2]'));
      });

      it('refuses evidence for a number the claim does not cite', () => {
        spec
          .given(claimHistories.DRAFTED)
          .when(evidenceCheck({ evidence: evidenceFor(1, 2, 3) }))
          .thenThrows(BadInput, (error) => error.field === 'evidence' && error.message.includes('[3]'));
      });

      it('refuses a pass while a cited reference is unresolved', () => {
        spec
          .given([claimDrafted({ citations: [1, 3] })])
          .when(evidenceCheck({ evidence: evidenceFor(1, 3) }))
          .thenThrows(BadInput, (error) => error.field === 'evidence' && error.message.includes('unresolved'));
      });

      it('refuses a claim without citations unless noCitationNeeded is given', () => {
        spec
          .given([claimDrafted({ citations: [], citationNeeded: true })])
          .when(evidenceCheck({ evidence: [] }))
          .thenThrows(BadInput, { field: 'noCitationNeeded' });
      });

      it('refuses numbered evidence on a claim without citations', () => {
        spec
          .given([claimDrafted({ citations: [], citationNeeded: true })])
          .when(evidenceCheck({ evidence: evidenceFor(1), noCitationNeeded: true }))
          .thenThrows(BadInput, { field: 'evidence' });
      });

      it('refuses noCitationNeeded on a claim that cites references', () => {
        spec
          .given(claimHistories.DRAFTED)
          .when(evidenceCheck({ noCitationNeeded: true }))
          .thenThrows(BadInput, { field: 'noCitationNeeded' });
      });
    });
  });

  describe('RecordMedicalReview', () => {
    it('approves an evidence-checked claim, binding its text revision and text hash as a signature', () => {
      spec
        .given(claimHistories.EVIDENCE_CHECKED)
        .when(medicalReview())
        .then([medicallyApproved()]);
      expect(stateAfter(claimDecider, claimHistories.MEDICALLY_REVIEWED)).toMatchObject({
        state: 'MEDICALLY_REVIEWED',
        medicallyReviewedBy: reviewer,
      });
    });

    it('binds the current revision of a revised claim', () => {
      spec
        .given([...claimHistories.PUBLISHED, claimRevised(2), evidencePassed(2)])
        .when(medicalReview())
        .then([medicallyApproved(2, revisedText)]);
    });

    it('sends the claim back to DRAFTED on changes requested, clearing the evidence check', () => {
      const requested: ClaimEvent = {
        type: 'MedicalReviewChangesRequested',
        data: { textRevision: 1, reviewer, reason: 'state the dose studied' },
      };
      spec
        .given(claimHistories.EVIDENCE_CHECKED)
        .when(medicalReview({ decision: 'REQUEST_CHANGES', reason: 'state the dose studied' }))
        .then([requested]);
      expect(stateAfter(claimDecider, [...claimHistories.EVIDENCE_CHECKED, requested])).toMatchObject({
        state: 'DRAFTED',
        evidence: [],
        evidenceCheckedBy: null,
        medicallyReviewedBy: null,
        textRevision: 1,
      });
    });

    it('lets the evidence checker request changes: sending text back lets nothing through', () => {
      const both: Actor = { id: 'both', roles: ['FACT_CHECKER', 'MEDICAL_REVIEWER'] };
      spec
        .given([claimDrafted(), evidencePassed(1, both)])
        .when(medicalReview({ actor: both, decision: 'REQUEST_CHANGES' }))
        .then([
          {
            type: 'MedicalReviewChangesRequested',
            data: { textRevision: 1, reviewer: both, reason: 'dose and claim match the cited trials' },
          },
        ]);
    });

    it.each(actorsWithout('MEDICAL_REVIEWER'))('refuses a %s: only a MEDICAL_REVIEWER reviews', (_, actor) => {
      spec
        .given(claimHistories.EVIDENCE_CHECKED)
        .when(medicalReview({ actor }))
        .thenThrows(Forbidden, { requiredRoles: ['MEDICAL_REVIEWER'] });
    });

    it.each([
      ['an unknown decision', { decision: 'MAYBE' as 'APPROVE' }, 'decision'],
      ['an empty reason (the signature has no meaning)', { reason: '' }, 'reason'],
      ['a reason over the limit', { reason: 'r'.repeat(LIMITS.reason + 1) }, 'reason'],
    ])('refuses %s as BAD_USER_INPUT on its field', (_, overrides: Partial<RecordMedicalReview>, field) => {
      spec.given(claimHistories.EVIDENCE_CHECKED).when(medicalReview(overrides)).thenThrows(BadInput, { field });
    });

    it('refuses a claim that does not exist as NOT_FOUND', () => {
      spec.given([]).when(medicalReview()).thenThrows(NotFound);
    });

    it.each(REVIEW_STATES.filter((state) => state !== 'EVIDENCE_CHECKED'))(
      'refuses a review of a claim in %s as INVALID_TRANSITION with the allowed actions',
      (state) => {
        spec.given(claimHistories[state]).when(medicalReview()).thenThrows(InvalidTransition, invalidTransitionIn(state));
        spec
          .given(claimHistories[state])
          .when(medicalReview({ decision: 'REQUEST_CHANGES' }))
          .thenThrows(InvalidTransition, invalidTransitionIn(state));
      },
    );

    describe('four eyes', () => {
      it('refuses the author of the current text, whatever roles they hold', () => {
        spec
          .given([claimDrafted({ author: polymath }), evidencePassed()])
          .when(medicalReview({ actor: polymath }))
          .thenThrows(SeparationOfDuties);
      });

      it('refuses the evidence checker of the current text', () => {
        spec
          .given([claimDrafted(), evidencePassed(1, polymath)])
          .when(medicalReview({ actor: polymath }))
          .thenThrows(SeparationOfDuties);
      });

      it('lets a reviewer who checked an earlier revision approve the current one', () => {
        spec
          .given([claimDrafted(), evidencePassed(1, polymath), claimRevised(2), evidencePassed(2)])
          .when(medicalReview({ actor: polymath }))
          .then([medicallyApproved(2, revisedText, polymath)]);
      });

      it('lets a second reviewer approve', () => {
        spec
          .given(claimHistories.EVIDENCE_CHECKED)
          .when(medicalReview({ actor: otherReviewer }))
          .then([medicallyApproved(1, claimText, otherReviewer)]);
      });
    });
  });

  describe('PublishClaim (reaction to SectionPublished)', () => {
    it("publishes a medically reviewed claim at the snapshot's text revision", () => {
      spec.given(claimHistories.MEDICALLY_REVIEWED).when(publishClaim()).then([claimPublished()]);
    });

    it('makes the claim PUBLISHED with its published text', () => {
      expect(stateAfter(claimDecider, claimHistories.PUBLISHED)).toMatchObject({
        state: 'PUBLISHED',
        publishedText: claimText,
        publishedTextRevision: 1,
        publishedTextHash: textHash(claimText),
      });
    });

    it('replaces an older live text with the newly approved one', () => {
      const history = [...claimHistories.PUBLISHED, claimRevised(2), evidencePassed(2), medicallyApproved(2, revisedText)];
      spec
        .given(history)
        .when(publishClaim({ textRevision: 2, textHash: textHash(revisedText), text: revisedText }))
        .then([claimPublished(2, revisedText)]);
    });

    it('appends nothing when the claim is already live at that text revision (replay)', () => {
      spec.given(claimHistories.PUBLISHED).when(publishClaim()).thenNothingHappens();
    });

    it('appends nothing when the claim was revised in between: it keeps its new draft', () => {
      spec
        .given([...claimHistories.MEDICALLY_REVIEWED, claimRevised(2)])
        .when(publishClaim())
        .thenNothingHappens();
    });

    it('appends nothing when an amended reference reopened the claim in between', () => {
      spec
        .given([...claimHistories.MEDICALLY_REVIEWED, { type: 'ClaimReopened', data: { referenceNumber: 2, cause: 'amended' } }])
        .when(publishClaim())
        .thenNothingHappens();
    });

    it('appends nothing for a snapshot of another section', () => {
      spec.given(claimHistories.MEDICALLY_REVIEWED).when(publishClaim({ sectionId: 's9' })).thenNothingHappens();
    });

    it('refuses a snapshot whose hash is not the text of that revision', () => {
      spec
        .given(claimHistories.MEDICALLY_REVIEWED)
        .when(publishClaim({ textHash: textHash('Take 100 g daily.') }))
        .thenThrows(BadInput, { field: 'textHash' });
    });

    it('refuses a claim that does not exist as NOT_FOUND', () => {
      spec.given([]).when(publishClaim()).thenThrows(NotFound);
    });

    it('a revised claim keeps its draft while the published text stays', () => {
      const state = stateAfter(claimDecider, [...claimHistories.PUBLISHED, claimRevised(2)]);
      expect(claimView(state)).toEqual({
        claimId: 'c1',
        state: 'DRAFTED',
        textRevision: 2,
        text: revisedText,
        textHash: textHash(revisedText),
        publishedTextRevision: 1,
      });
    });
  });

  describe('UnpublishClaim (reaction to SectionUnpublished)', () => {
    const unpublished: ClaimEvent = { type: 'ClaimUnpublished', data: { sectionId: 's1' } };

    it('takes a published claim down: back to MEDICALLY_REVIEWED, nothing live', () => {
      spec.given(claimHistories.PUBLISHED).when(unpublishClaim).then([unpublished]);
      expect(stateAfter(claimDecider, [...claimHistories.PUBLISHED, unpublished])).toMatchObject({
        state: 'MEDICALLY_REVIEWED',
        publishedText: null,
        publishedTextRevision: null,
        publishedTextHash: null,
      });
    });

    it('takes down the live text of a claim with a newer draft, which stays a draft', () => {
      const history = [...claimHistories.PUBLISHED, claimRevised(2)];
      spec.given(history).when(unpublishClaim).then([unpublished]);
      expect(stateAfter(claimDecider, [...history, unpublished])).toMatchObject({
        state: 'DRAFTED',
        textRevision: 2,
        publishedText: null,
      });
    });

    it.each(['DRAFTED', 'EVIDENCE_CHECKED', 'MEDICALLY_REVIEWED'] as const)(
      'appends nothing for a claim in %s that is not live',
      (state) => {
        spec.given(claimHistories[state]).when(unpublishClaim).thenNothingHappens();
      },
    );

    it('appends nothing when already taken down (replay)', () => {
      spec.given([...claimHistories.PUBLISHED, unpublished]).when(unpublishClaim).thenNothingHappens();
    });

    it('appends nothing for another section', () => {
      spec.given(claimHistories.PUBLISHED).when({ type: 'UnpublishClaim', sectionId: 's9' }).thenNothingHappens();
    });

    it('refuses a claim that does not exist as NOT_FOUND', () => {
      spec.given([]).when(unpublishClaim).thenThrows(NotFound);
    });
  });

  describe('ReopenClaim (reaction to an amended reference)', () => {
    it.each(notDrafted)('reopens a claim in %s that cites the amended reference', (state) => {
      const reopened: ClaimEvent = { type: 'ClaimReopened', data: { referenceNumber: 2, cause: 'reference [2] was amended' } };
      spec.given(claimHistories[state]).when(reopenClaim(2)).then([reopened]);
      expect(stateAfter(claimDecider, [...claimHistories[state], reopened])).toMatchObject({
        state: 'DRAFTED',
        evidence: [],
        noCitationNeeded: false,
        evidenceCheckedBy: null,
        medicallyReviewedBy: null,
        textRevision: 1,
      });
    });

    it('keeps a live text live: only unpublishing takes text down', () => {
      const state = stateAfter(claimDecider, [
        ...claimHistories.PUBLISHED,
        { type: 'ClaimReopened', data: { referenceNumber: 1, cause: 'amended' } },
      ]);
      expect(state).toMatchObject({ state: 'DRAFTED', publishedText: claimText, publishedTextRevision: 1 });
    });

    it('appends nothing for a claim still DRAFTED', () => {
      spec.given(claimHistories.DRAFTED).when(reopenClaim(2)).thenNothingHappens();
    });

    it('appends nothing for a claim that no longer cites the reference', () => {
      spec
        .given([claimDrafted(), claimRevised(2, { citations: [1] }), evidencePassed(2, checker, [1])])
        .when(reopenClaim(2))
        .thenNothingHappens();
    });

    it('refuses a claim that does not exist as NOT_FOUND', () => {
      spec.given([]).when(reopenClaim(2)).thenThrows(NotFound);
    });
  });

  describe('the whole review of one claim', () => {
    it('goes draft → checked → reviewed → published → revised → published again, four eyes each time', () => {
      let history: ClaimEvent[] = [];
      const step = (command: Parameters<typeof claimDecider.decide>[0]) => {
        history = [...history, ...claimDecider.decide(command, stateAfter(claimDecider, history))];
      };
      step(draftClaim());
      step(evidenceCheck());
      step(medicalReview());
      step(publishClaim());
      step(proposeRevision());
      step(evidenceCheck({ actor: otherChecker }));
      step(medicalReview({ actor: otherReviewer }));
      step(publishClaim({ textRevision: 2, textHash: textHash(revisedText), text: revisedText }));
      expect(history.map((event) => event.type)).toEqual([
        'ClaimDrafted',
        'EvidenceCheckPassed',
        'MedicalReviewApproved',
        'ClaimPublished',
        'ClaimRevised',
        'EvidenceCheckPassed',
        'MedicalReviewApproved',
        'ClaimPublished',
      ]);
      expect(stateAfter(claimDecider, history)).toMatchObject({
        state: 'PUBLISHED',
        textRevision: 2,
        publishedText: revisedText,
        publishedTextRevision: 2,
      });
    });
  });

  describe('wording flags on approval', () => {
    const strongText = 'Fasoracetam effectively treats ADHD in children.';
    const animalEvidence: Evidence[] = [
      { referenceNumber: 1, level: 'ANIMAL', locator: 'fig. 2', note: null },
      { referenceNumber: 2, level: 'IN_VITRO', locator: 'table 1', note: null },
    ];
    const strongClaim = [
      claimDrafted({ text: strongText }),
      { type: 'EvidenceCheckPassed', data: { textRevision: 1, evidence: animalEvidence, noCitationNeeded: false, checkedBy: checker } },
    ] as ClaimEvent[];

    it('refuses to approve wording stronger than its evidence without the acknowledgement', () => {
      spec
        .given(strongClaim)
        .when(medicalReview())
        .thenThrows(BadInput, (error: BadInput) => error.field === 'acknowledgeWordingFlags' && error.message.includes('"effectively"'));
    });

    it('approves it with the acknowledgement, and the approval records the flags acknowledged', () => {
      spec
        .given(strongClaim)
        .when(medicalReview({ acknowledgeWordingFlags: true }))
        .then([
          medicallyApproved(1, strongText, reviewer, {
            acknowledgedWordingFlags: [
              { phrase: 'effectively', start: 12, end: 23, strongestEvidence: 'ANIMAL', message: expect.stringContaining('ANIMAL') as unknown as string },
              { phrase: 'treats', start: 24, end: 30, strongestEvidence: 'ANIMAL', message: expect.stringContaining('ANIMAL') as unknown as string },
            ],
          }),
        ]);
    });

    it('needs no acknowledgement when a human randomised trial carries the wording', () => {
      const trial = [claimDrafted({ text: strongText }), evidencePassed()];
      spec.given(trial).when(medicalReview()).then([medicallyApproved(1, strongText)]);
    });

    it('does not ask for it to send a claim back', () => {
      spec
        .given(strongClaim)
        .when(medicalReview({ decision: 'REQUEST_CHANGES', reason: 'tone it down' }))
        .then([{ type: 'MedicalReviewChangesRequested', data: { textRevision: 1, reviewer, reason: 'tone it down' } }]);
    });
  });

  describe('approvals that expire', () => {
    const expire = (now: number) => ({ type: 'ExpireApproval' as const, now });

    it('records when the approval was given and when it is due for review (APPROVAL_VALIDITY after)', () => {
      expect(stateAfter(claimDecider, claimHistories.MEDICALLY_REVIEWED)).toMatchObject({ medicallyReviewedAt: NOW, reviewDueAt: DUE });
    });

    it('records no due date when approvals do not expire (APPROVAL_VALIDITY=off)', () => {
      spec
        .given(claimHistories.EVIDENCE_CHECKED)
        .when(medicalReview({ approvalValidity: null }))
        .then([medicallyApproved(1, claimText, reviewer, { reviewDueAt: null })]);
    });

    it('adds calendar months: six months from 31 August is the end of February', () => {
      const approvedAt = Date.UTC(2026, 7, 31, 12, 0, 0);
      spec
        .given(claimHistories.EVIDENCE_CHECKED)
        .when(medicalReview({ now: approvedAt, approvalValidity: { years: 0, months: 6, seconds: 0 } }))
        .then([medicallyApproved(1, claimText, reviewer, { approvedAt, reviewDueAt: Date.UTC(2027, 1, 28, 12, 0, 0) })]);
    });

    it.each(['MEDICALLY_REVIEWED', 'PUBLISHED'] as const)('expires a %s claim at its reviewDueAt', (state) => {
      spec
        .given(claimHistories[state])
        .when(expire(DUE))
        .then([{ type: 'ClaimApprovalExpired', data: { textRevision: 1, approvedAt: NOW, reviewDueAt: DUE } }]);
    });

    it('sends it back to DRAFTED with its evidence check and approval cleared; what is live stays live', () => {
      const history: ClaimEvent[] = [
        ...claimHistories.PUBLISHED,
        { type: 'ClaimApprovalExpired', data: { textRevision: 1, approvedAt: NOW, reviewDueAt: DUE } },
      ];
      expect(stateAfter(claimDecider, history)).toMatchObject({
        state: 'DRAFTED',
        evidence: [],
        evidenceCheckedBy: null,
        medicallyReviewedBy: null,
        medicallyReviewedAt: null,
        reviewDueAt: null,
        publishedText: claimText,
        publishedTextRevision: 1,
      });
    });

    it('does nothing before the due time', () => {
      spec.given(claimHistories.PUBLISHED).when(expire(DUE - 1)).thenNothingHappens();
    });

    it('does nothing a second time, nor to a claim revised or sent back since', () => {
      const expired: ClaimEvent = { type: 'ClaimApprovalExpired', data: { textRevision: 1, approvedAt: NOW, reviewDueAt: DUE } };
      spec.given([...claimHistories.PUBLISHED, expired]).when(expire(DUE + 1000)).thenNothingHappens();
      spec.given([...claimHistories.PUBLISHED, claimRevised(2)]).when(expire(DUE)).thenNothingHappens();
      spec.given(claimHistories.EVIDENCE_CHECKED).when(expire(DUE)).thenNothingHappens();
    });

    it('never expires an approval recorded without a due date', () => {
      const forGood = [claimDrafted(), evidencePassed(), medicallyApproved(1, claimText, reviewer, { reviewDueAt: null })];
      spec.given(forGood).when(expire(DUE * 2)).thenNothingHappens();
    });

    it('reads approvals written before approvals expired as never due', () => {
      const legacy: ClaimEvent = {
        type: 'MedicalReviewApproved',
        data: { textRevision: 1, textHash: textHash(claimText), reviewer, meaning: 'ok' },
      };
      spec.given([claimDrafted(), evidencePassed(), legacy]).when(expire(DUE)).thenNothingHappens();
    });

    it('refuses a claim that does not exist', () => {
      spec.given([]).when(expire(DUE)).thenThrows(NotFound);
    });
  });

  describe('allowed actions', () => {
    it.each([
      ['DRAFTED', ['proposeClaimRevision', 'recordEvidenceCheck']],
      ['EVIDENCE_CHECKED', ['proposeClaimRevision', 'recordMedicalReview']],
      ['MEDICALLY_REVIEWED', ['proposeClaimRevision']],
      ['PUBLISHED', ['proposeClaimRevision']],
    ] as const)('in %s are %j', (state, allowed) => {
      expect(allowedClaimActions({ ...claimDecider.initialState, state })).toEqual(allowed);
    });
  });
});
