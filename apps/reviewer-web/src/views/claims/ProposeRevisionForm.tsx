import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, isConflict } from '../../api/errors';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/fields';
import { ErrorMessage } from '../../components/messages';
import type { ClaimFormProps, Reference } from './types';
import { StaleNotice } from '../../live/StaleNotice';
import { useEditBase } from '../../live/useEditBase';
import { ProposeClaimRevisionMutation } from './operations';

/** "2, 3" or "[2][3]" → [2, 3]; null when something in it is not a reference number. */
export function parseCitations(value: string): number[] | null {
  const parts = value.split(/[\s,;[\]]+/).filter(Boolean);
  const numbers = parts.map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n < 1)) return null;
  return [...new Set(numbers)];
}

/** The editor's new text for the claim: it goes back to DRAFTED and through review again. */
export function ProposeRevisionForm({ claim, references, onConflict, onDone }: ClaimFormProps & { references: readonly Reference[] }) {
  const [propose, { loading }] = useMutation(ProposeClaimRevisionMutation);
  const edit = useEditBase(claim.revision);
  const [text, setText] = useState<string | null>(null);
  const [citations, setCitations] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ text?: string; citations?: string; reason?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);

  // Until the editor types, the fields show the claim as it is now.
  const textValue = text ?? claim.text;
  const citationsValue = citations ?? claim.citations.join(', ');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const numbers = parseCitations(citationsValue);
    const known = new Set(references.map((reference) => reference.number));
    const unknown = (numbers ?? []).filter((n) => !known.has(n));
    const found = {
      text: textValue.trim() ? (textValue.length > 2000 ? 'A claim is at most 2,000 characters.' : undefined) : 'Write the claim.',
      citations:
        numbers === null
          ? 'List reference numbers separated by commas, e.g. 2, 3.'
          : unknown.length > 0
            ? `This article has no reference ${unknown.join(', ')}.`
            : undefined,
      reason: reason.trim() ? undefined : 'Give a reason: say why the text changes.',
    };
    setErrors(found);
    if (found.text || found.citations || found.reason || numbers === null) return;
    try {
      await propose({
        variables: { input: { claimId: claim.id, expectedRevision: edit.baseRevision, text: textValue.trim(), citations: numbers, reason: reason.trim() } },
      });
      edit.reset();
      setText(null);
      setCitations(null);
      setReason('');
      onDone('Your revision is recorded. The claim goes through evidence check and medical review again.');
    } catch (error) {
      if (isConflict(error)) {
        onConflict();
        return;
      }
      setFailure(describeError(error, { subject: 'claim' }));
    }
  };

  return (
    <section aria-labelledby="revision-form-heading" className="panel">
      <h2 id="revision-form-heading">Propose revision</h2>
      {edit.stale ? <StaleNotice subject="claim" onAccept={edit.acceptLatest} /> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          label="Claim text"
          value={textValue}
          onChange={(value) => { edit.touch(); setText(value); setErrors((all) => ({ ...all, text: undefined })); }}
          error={errors.text}
          multiline
          rows={4}
        />
        <TextInput
          label="Citations"
          value={citationsValue}
          onChange={(value) => { edit.touch(); setCitations(value); setErrors((all) => ({ ...all, citations: undefined })); }}
          error={errors.citations}
          description="Reference numbers, separated by commas; leave empty for none."
        />
        <TextInput
          label="Reason"
          value={reason}
          onChange={(value) => { edit.touch(); setReason(value); setErrors((all) => ({ ...all, reason: undefined })); }}
          error={errors.reason}
          multiline
          maxLength={2000}
        />
        <ErrorMessage>{failure}</ErrorMessage>
        <Button type="submit" variant="primary" isDisabled={loading}>Propose revision</Button>
      </form>
    </section>
  );
}
