import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, isConflict } from '../../api/errors';
import { useMe } from '../../auth/session';
import { Button } from '../../components/Button';
import { CheckboxField, TextInput } from '../../components/fields';
import { ErrorMessage } from '../../components/messages';
import type { MedicalDecision } from '../../gql/graphql';
import { StaleNotice } from '../../live/StaleNotice';
import { useEditBase } from '../../live/useEditBase';
import { RecordMedicalReviewMutation } from './operations';
import type { ClaimFormProps } from './types';

/**
 * The medical reviewer's signature. The reason is its meaning; a claim whose wording is flagged
 * is approved only with the reviewer's explicit acknowledgement of the flags.
 */
export function MedicalReviewForm({ claim, flagCount, onConflict, onDone }: ClaimFormProps & { flagCount: number }) {
  const me = useMe();
  const [record, { loading }] = useMutation(RecordMedicalReviewMutation);
  const edit = useEditBase(claim.revision);
  const [reason, setReason] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [errors, setErrors] = useState<{ reason?: string; acknowledge?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);

  const send = async (decision: MedicalDecision) => {
    setFailure(null);
    const found = {
      reason: reason.trim() ? undefined : 'Give a reason: it is the meaning of your signature.',
      acknowledge:
        decision === 'APPROVE' && flagCount > 0 && !acknowledged ? 'Read the flagged wording and confirm that you approve it as it is.' : undefined,
    };
    setErrors(found);
    if (found.reason || found.acknowledge) return;
    try {
      await record({
        variables: {
          input: {
            claimId: claim.id,
            expectedRevision: edit.baseRevision,
            decision,
            reason: reason.trim(),
            ...(decision === 'APPROVE' && flagCount > 0 ? { acknowledgeWordingFlags: true } : {}),
          },
        },
      });
      edit.reset();
      setReason('');
      setAcknowledged(false);
      onDone(decision === 'APPROVE' ? 'You approved this claim. It can be published with its section.' : 'You requested changes; the claim goes back to the editor.');
    } catch (error) {
      if (isConflict(error)) {
        onConflict();
        return;
      }
      const wroteIt = claim.author.id === me.id;
      setFailure(
        describeError(error, {
          subject: 'claim',
          separationOfDuties: wroteIt
            ? 'You wrote the current text of this claim, so another medical reviewer must approve it.'
            : 'You checked the evidence of this text, so another medical reviewer must approve it.',
        }),
      );
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send('APPROVE');
  };

  return (
    <section aria-labelledby="medical-form-heading" className="panel">
      <h2 id="medical-form-heading">Medical review</h2>
      {edit.stale ? <StaleNotice subject="claim" onAccept={edit.acceptLatest} /> : null}
      <form onSubmit={submit} noValidate>
        {flagCount > 0 ? (
          <CheckboxField
            isSelected={acknowledged}
            onChange={(selected) => {
              edit.touch();
              setAcknowledged(selected);
              setErrors((all) => ({ ...all, acknowledge: undefined }));
            }}
            error={errors.acknowledge}
          >
            I have read the {flagCount === 1 ? 'flagged phrase' : `${flagCount} flagged phrases`} and approve the wording as it is
          </CheckboxField>
        ) : null}
        <TextInput
          label="Reason"
          value={reason}
          onChange={(value) => {
            edit.touch();
            setReason(value);
            setErrors((all) => ({ ...all, reason: undefined }));
          }}
          error={errors.reason}
          description="Recorded with your signature and bound to this text."
          multiline
          maxLength={2000}
        />
        <ErrorMessage>{failure}</ErrorMessage>
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={loading}>Approve</Button>
          <Button onPress={() => void send('REQUEST_CHANGES')} isDisabled={loading}>Request changes</Button>
        </div>
      </form>
    </section>
  );
}
