import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { claim, references } from '../../test/fixtures';
import { refusal, renderAs, user } from '../../test/render';
import { EvidenceCheckForm } from './EvidenceCheckForm';
import { RecordEvidenceCheckMutation } from './operations';

const fred = user('fred', 'FACT_CHECKER');

function recorded(answer: () => object) {
  const sent: unknown[] = [];
  return {
    sent,
    mock: {
      request: { query: RecordEvidenceCheckMutation, variables: (variables: { input: unknown }) => { sent.push(variables.input); return true; } },
      result: answer,
    },
  };
}

describe('EvidenceCheckForm', () => {
  it('has one row per cited reference: a select of the evidence levels and a locator', () => {
    const onDone = vi.fn();
    renderAs(fred, <EvidenceCheckForm claim={claim()} references={references} onConflict={() => undefined} onDone={onDone} />);
    for (const number of [2, 3]) {
      const select = screen.getByRole('combobox', { name: `Evidence level for reference ${number}` });
      const values = within(select).getAllByRole('option').map((option) => (option as HTMLOptionElement).value);
      expect(values).toEqual(['', 'SYSTEMATIC_REVIEW', 'HUMAN_RCT', 'HUMAN_OBSERVATIONAL', 'ANIMAL', 'IN_VITRO', 'EXPERT_OPINION', 'ANECDOTAL']);
      expect(screen.getByRole('textbox', { name: `Locator for reference ${number}` })).toBeInTheDocument();
    }
    expect(screen.queryByRole('checkbox', { name: 'No citation needed' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Pass evidence check' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Fail evidence check' })).toBeInTheDocument();
  });

  it('sends a pass with one evidence entry per citation, at the revision it was read', async () => {
    const onDone = vi.fn();
    const { sent, mock } = recorded(() => ({ data: { recordEvidenceCheck: claim({ state: 'EVIDENCE_CHECKED', revision: 1 }) } }));
    renderAs(fred, <EvidenceCheckForm claim={claim()} references={references} onConflict={() => undefined} onDone={onDone} />, [mock]);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Evidence level for reference 2' }), 'EXPERT_OPINION');
    await userEvent.type(screen.getByRole('textbox', { name: 'Locator for reference 2' }), 'Physiol Rev 2000, section II');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Evidence level for reference 3' }), 'HUMAN_RCT');
    await userEvent.type(screen.getByRole('textbox', { name: 'Locator for reference 3' }), 'p. 242');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'Both sources say so');
    await userEvent.click(screen.getByRole('button', { name: 'Pass evidence check' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.stringMatching(/The evidence check passed/)));
    expect(sent).toEqual([
      {
        claimId: 'c1',
        expectedRevision: 0,
        verdict: 'PASS',
        reason: 'Both sources say so',
        evidence: [
          { referenceNumber: 2, level: 'EXPERT_OPINION', locator: 'Physiol Rev 2000, section II' },
          { referenceNumber: 3, level: 'HUMAN_RCT', locator: 'p. 242' },
        ],
      },
    ]);
  });

  it('says what is missing for a pass and sends nothing', async () => {
    const onDone = vi.fn();
    const { sent, mock } = recorded(() => ({ data: null }));
    renderAs(fred, <EvidenceCheckForm claim={claim()} references={references} onConflict={() => undefined} onDone={onDone} />, [mock]);
    await userEvent.click(screen.getByRole('button', { name: 'Pass evidence check' }));
    expect(screen.getByText('Choose how strong the evidence in reference 2 is.')).toBeInTheDocument();
    expect(screen.getByText(/Say where in reference 3 the claim is supported/)).toBeInTheDocument();
    expect(screen.getByText('Give a reason: it is recorded with your name.')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Evidence level for reference 2' })).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toEqual([]);
  });

  it('fails with a reason alone', async () => {
    const onDone = vi.fn();
    const { sent, mock } = recorded(() => ({ data: { recordEvidenceCheck: claim({ revision: 1 }) } }));
    renderAs(fred, <EvidenceCheckForm claim={claim()} references={references} onConflict={() => undefined} onDone={onDone} />, [mock]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'Reference 3 says the opposite');
    await userEvent.click(screen.getByRole('button', { name: 'Fail evidence check' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.stringMatching(/The evidence check failed/)));
    expect(sent).toEqual([{ claimId: 'c1', expectedRevision: 0, verdict: 'FAIL', reason: 'Reference 3 says the opposite' }]);
  });

  it('offers "No citation needed" for a claim that cites nothing', async () => {
    const onDone = vi.fn();
    const { sent, mock } = recorded(() => ({ data: { recordEvidenceCheck: claim({ citations: [], state: 'EVIDENCE_CHECKED', revision: 1 }) } }));
    renderAs(fred, <EvidenceCheckForm claim={claim({ citations: [], citationNeeded: true })} references={references} onConflict={() => undefined} onDone={onDone} />, [mock]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'Common knowledge');
    await userEvent.click(screen.getByRole('button', { name: 'Pass evidence check' }));
    expect(screen.getByText(/tick "No citation needed" to pass it/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'No citation needed' }));
    await userEvent.click(screen.getByRole('button', { name: 'Pass evidence check' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.stringMatching(/The evidence check passed/)));
    expect(sent).toEqual([{ claimId: 'c1', expectedRevision: 0, verdict: 'PASS', reason: 'Common knowledge', noCitationNeeded: true, evidence: [] }]);
  });

  it('explains the four-eyes rule in words when the author tries to pass their own text', async () => {
    const onDone = vi.fn();
    const { mock } = recorded(() => refusal('SEPARATION_OF_DUTIES'));
    renderAs(fred, <EvidenceCheckForm claim={claim({ citations: [], citationNeeded: true })} references={references} onConflict={() => undefined} onDone={onDone} />, [mock]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'No citation needed' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'Fine');
    await userEvent.click(screen.getByRole('button', { name: 'Pass evidence check' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You wrote the current text of this claim, so another fact checker must pass its evidence check.');
    expect(alert).not.toHaveTextContent('SEPARATION_OF_DUTIES');
  });

  it('on a conflict asks the page for the new version instead of showing a code', async () => {
    const onDone = vi.fn();
    const { mock } = recorded(() => refusal('CONFLICT', { actualRevision: 1 }));
    const onConflict = vi.fn();
    renderAs(fred, <EvidenceCheckForm claim={claim()} references={references} onConflict={onConflict} onDone={onDone} />, [mock]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'Not supported');
    await userEvent.click(screen.getByRole('button', { name: 'Fail evidence check' }));
    await vi.waitFor(() => expect(onConflict).toHaveBeenCalled());
    expect(screen.queryByText(/CONFLICT/)).not.toBeInTheDocument();
  });

  it('says so when the claim changed while the checker was typing, and goes on from the new version', async () => {
    const onDone = vi.fn();
    const { sent, mock } = recorded(() => ({ data: { recordEvidenceCheck: claim({ revision: 2 }) } }));
    const view = renderAs(fred, <EvidenceCheckForm claim={claim()} references={references} onConflict={() => undefined} onDone={onDone} />, [mock]);
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'Half typed');
    view.rerender(
      <EvidenceCheckForm claim={claim({ revision: 1, text: 'A revised text.' })} references={references} onConflict={() => undefined} onDone={onDone} />,
    );
    expect(await screen.findByText(/Someone else changed this claim while you were working on it/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Reason' })).toHaveValue('Half typed');
    await userEvent.click(screen.getByRole('button', { name: 'Use the new version' }));
    expect(screen.queryByText(/Someone else changed this claim/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Fail evidence check' }));
    await vi.waitFor(() => expect(sent).toEqual([expect.objectContaining({ expectedRevision: 1, verdict: 'FAIL' })]));
  });
});
