import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { claim } from '../../test/fixtures';
import { refusal, renderAs, user } from '../../test/render';
import { MedicalReviewForm } from './MedicalReviewForm';
import { RecordMedicalReviewMutation } from './operations';

const maya = user('maya', 'MEDICAL_REVIEWER');
const checked = claim({ state: 'EVIDENCE_CHECKED', revision: 1, evidenceCheckedBy: { id: 'fred', roles: ['FACT_CHECKER'] } });

function recorded(answer: () => object) {
  const sent: unknown[] = [];
  const mock = {
    request: { query: RecordMedicalReviewMutation, variables: (variables: { input: unknown }) => { sent.push(variables.input); return true; } },
    result: answer,
  };
  return { sent, mock };
}

describe('MedicalReviewForm', () => {
  it('approves with the reason as the meaning of the signature', async () => {
    const onDone = vi.fn();
    const { sent, mock } = recorded(() => ({ data: { recordMedicalReview: { ...checked, state: 'MEDICALLY_REVIEWED', revision: 2 } } }));
    renderAs(maya, <MedicalReviewForm claim={checked} flagCount={0} onConflict={() => undefined} onDone={onDone} />, [mock]);
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'Accurate physiology');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.stringMatching(/You approved this claim/)));
    expect(sent).toEqual([{ claimId: 'c1', expectedRevision: 1, decision: 'APPROVE', reason: 'Accurate physiology' }]);
  });

  it('approves flagged wording only with the acknowledgement, and records it', async () => {
    const onDone = vi.fn();
    const { sent, mock } = recorded(() => ({ data: { recordMedicalReview: { ...checked, state: 'MEDICALLY_REVIEWED', revision: 2 } } }));
    renderAs(maya, <MedicalReviewForm claim={checked} flagCount={2} onConflict={() => undefined} onDone={onDone} />, [mock]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'The wording is fine in context');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(screen.getByText('Read the flagged wording and confirm that you approve it as it is.')).toBeInTheDocument();
    expect(sent).toEqual([]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'I have read the 2 flagged phrases and approve the wording as it is' }));
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.stringMatching(/You approved this claim/)));
    expect(sent).toEqual([expect.objectContaining({ decision: 'APPROVE', acknowledgeWordingFlags: true })]);
  });

  it('requests changes without the acknowledgement', async () => {
    const onDone = vi.fn();
    const { sent, mock } = recorded(() => ({ data: { recordMedicalReview: { ...checked, state: 'DRAFTED', revision: 2 } } }));
    renderAs(maya, <MedicalReviewForm claim={checked} flagCount={1} onConflict={() => undefined} onDone={onDone} />, [mock]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'Too strong');
    await userEvent.click(screen.getByRole('button', { name: 'Request changes' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.stringMatching(/You requested changes/)));
    expect(sent).toEqual([{ claimId: 'c1', expectedRevision: 1, decision: 'REQUEST_CHANGES', reason: 'Too strong' }]);
  });

  it("says which four-eyes rule stopped the reviewer: they checked the claim's evidence", async () => {
    const onDone = vi.fn();
    const { mock } = recorded(() => refusal('SEPARATION_OF_DUTIES'));
    renderAs(maya, <MedicalReviewForm claim={{ ...checked, evidenceCheckedBy: { id: 'maya', roles: ['FACT_CHECKER', 'MEDICAL_REVIEWER'] } }} flagCount={0} onConflict={() => undefined} onDone={onDone} />, [mock]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'Fine');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You checked the evidence of this text, so another medical reviewer must approve it.');
  });
});
