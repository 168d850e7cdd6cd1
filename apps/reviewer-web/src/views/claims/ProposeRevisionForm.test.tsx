import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { claim, references } from '../../test/fixtures';
import { refusal, renderAs, user } from '../../test/render';
import { ProposeClaimRevisionMutation } from './operations';
import { parseCitations, ProposeRevisionForm } from './ProposeRevisionForm';

const erin = user('erin', 'EDITOR');

describe('ProposeRevisionForm', () => {
  it('reads citations written as a list or as markers', () => {
    expect(parseCitations('2, 3')).toEqual([2, 3]);
    expect(parseCitations('[2][3] [2]')).toEqual([2, 3]);
    expect(parseCitations('')).toEqual([]);
    expect(parseCitations('2, x')).toBeNull();
  });

  it('starts from the current text and sends the new one with its citations and reason', async () => {
    const onDone = vi.fn();
    const sent: unknown[] = [];
    const mock = {
      request: { query: ProposeClaimRevisionMutation, variables: (variables: { input: unknown }) => { sent.push(variables.input); return true; } },
      result: () => ({ data: { proposeClaimRevision: claim({ revision: 1, textRevision: 2 }) } }),
    };
    renderAs(erin, <ProposeRevisionForm claim={claim()} references={references} onConflict={() => undefined} onDone={onDone} />, [mock]);
    const text = screen.getByRole('textbox', { name: 'Claim text' });
    expect(text).toHaveValue(claim().text);
    expect(screen.getByRole('textbox', { name: 'Citations' })).toHaveValue('2, 3');
    await userEvent.clear(text);
    await userEvent.type(text, 'Creatine is made in the liver and kidneys.');
    await userEvent.clear(screen.getByRole('textbox', { name: 'Citations' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Citations' }), '3');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'More precise');
    await userEvent.click(screen.getByRole('button', { name: 'Propose revision' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.stringMatching(/Your revision is recorded/)));
    expect(sent).toEqual([{ claimId: 'c1', expectedRevision: 0, text: 'Creatine is made in the liver and kidneys.', citations: [3], reason: 'More precise' }]);
  });

  it('refuses a citation the article does not have, before sending', async () => {
    const onDone = vi.fn();
    renderAs(erin, <ProposeRevisionForm claim={claim()} references={references} onConflict={() => undefined} onDone={onDone} />, [
      { request: { query: ProposeClaimRevisionMutation }, result: refusal('BAD_USER_INPUT', { field: 'citations' }) },
    ]);
    await userEvent.clear(screen.getByRole('textbox', { name: 'Citations' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Citations' }), '2, 9');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Propose revision' }));
    expect(screen.getByText('This article has no reference 9.')).toBeInTheDocument();
  });
});
