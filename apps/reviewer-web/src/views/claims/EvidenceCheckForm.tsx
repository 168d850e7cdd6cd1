import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, isConflict } from '../../api/errors';
import { Button } from '../../components/Button';
import { CheckboxField, SelectField, TextInput } from '../../components/fields';
import { ErrorMessage } from '../../components/messages';
import { EVIDENCE_LEVEL_LABELS } from '../../components/words';
import type { EvidenceLevel, EvidenceVerdict } from '../../gql/graphql';
import type { ClaimFormProps, Reference } from './types';
import { StaleNotice } from '../../live/StaleNotice';
import { useEditBase } from '../../live/useEditBase';
import { RecordEvidenceCheckMutation } from './operations';

const LEVEL_OPTIONS = [['', 'Choose a level'], ...Object.entries(EVIDENCE_LEVEL_LABELS)] as const;

interface Row {
  level: string;
  locator: string;
}

type Errors = Record<string, string>;

/**
 * The fact checker's form: for each cited reference the strength of its evidence and where in the
 * source it is; for a claim with no citation, whether it needs none. Pass needs all of that and a
 * reason; fail needs only the reason.
 */
export function EvidenceCheckForm({ claim, references, onConflict, onDone }: ClaimFormProps & { references: readonly Reference[] }) {
  const [record, { loading }] = useMutation(RecordEvidenceCheckMutation);
  const edit = useEditBase(claim.revision);
  const [rows, setRows] = useState<Record<number, Row>>({});
  const [noCitationNeeded, setNoCitationNeeded] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);

  const row = (number: number): Row => rows[number] ?? { level: '', locator: '' };
  const setRow = (number: number, change: Partial<Row>) => {
    edit.touch();
    setRows((all) => ({ ...all, [number]: { ...row(number), ...change } }));
    setErrors((all) => ({ ...all, [`level-${number}`]: '', [`locator-${number}`]: '' }));
  };

  const validate = (verdict: EvidenceVerdict): Errors => {
    const found: Errors = {};
    if (!reason.trim()) found.reason = 'Give a reason: it is recorded with your name.';
    if (verdict === 'PASS') {
      for (const number of claim.citations) {
        if (!row(number).level) found[`level-${number}`] = `Choose how strong the evidence in reference ${number} is.`;
        if (!row(number).locator.trim()) found[`locator-${number}`] = `Say where in reference ${number} the claim is supported (page, section, table).`;
      }
      if (claim.citations.length === 0 && !noCitationNeeded) {
        found.noCitationNeeded = 'This claim cites nothing: tick "No citation needed" to pass it, or fail the check.';
      }
    }
    return found;
  };

  const send = async (verdict: EvidenceVerdict) => {
    setFailure(null);
    const found = validate(verdict);
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    try {
      await record({
        variables: {
          input: {
            claimId: claim.id,
            expectedRevision: edit.baseRevision,
            verdict,
            reason: reason.trim(),
            ...(verdict === 'PASS'
              ? claim.citations.length > 0
                ? { evidence: claim.citations.map((number) => ({ referenceNumber: number, level: row(number).level as EvidenceLevel, locator: row(number).locator.trim() })) }
                : { noCitationNeeded: true, evidence: [] }
              : {}),
          },
        },
      });
      edit.reset();
      setReason('');
      setRows({});
      onDone(verdict === 'PASS' ? 'The evidence check passed. The claim now waits for medical review.' : 'The evidence check failed; the claim stays drafted for the editor.');
    } catch (error) {
      if (isConflict(error)) {
        onConflict();
        return;
      }
      setFailure(
        describeError(error, {
          subject: 'claim',
          separationOfDuties: 'You wrote the current text of this claim, so another fact checker must pass its evidence check. (You may still fail it.)',
        }),
      );
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send('PASS');
  };

  return (
    <section aria-labelledby="evidence-form-heading" className="panel">
      <h2 id="evidence-form-heading">Evidence check</h2>
      {edit.stale ? <StaleNotice subject="claim" onAccept={edit.acceptLatest} /> : null}
      <form onSubmit={submit} noValidate>
        {claim.citations.map((number) => {
          const reference = references.find((each) => each.number === number);
          return (
            <fieldset key={number} className="evidence-row">
              <legend>Reference {number}</legend>
              <p className="muted">{reference?.citation ?? 'No citation text yet.'}</p>
              {reference && !reference.resolved ? <p className="tag tag-warning">Unresolved: it must be resolved before the check can pass.</p> : null}
              <SelectField
                label={`Evidence level for reference ${number}`}
                value={row(number).level}
                onChange={(level) => setRow(number, { level })}
                options={LEVEL_OPTIONS}
                error={errors[`level-${number}`]}
              />
              <TextInput
                label={`Locator for reference ${number}`}
                value={row(number).locator}
                onChange={(locator) => setRow(number, { locator })}
                error={errors[`locator-${number}`]}
                description="Where the source supports the claim: page, section, table."
                maxLength={500}
              />
            </fieldset>
          );
        })}
        {claim.citations.length === 0 ? (
          <CheckboxField
            isSelected={noCitationNeeded}
            onChange={(selected) => {
              edit.touch();
              setNoCitationNeeded(selected);
              setErrors((all) => ({ ...all, noCitationNeeded: '' }));
            }}
            error={errors.noCitationNeeded}
          >
            No citation needed
          </CheckboxField>
        ) : null}
        <TextInput
          label="Reason"
          value={reason}
          onChange={(value) => {
            edit.touch();
            setReason(value);
            setErrors((all) => ({ ...all, reason: '' }));
          }}
          error={errors.reason}
          multiline
          maxLength={2000}
        />
        <ErrorMessage>{failure}</ErrorMessage>
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={loading}>Pass evidence check</Button>
          <Button onPress={() => void send('FAIL')} isDisabled={loading}>Fail evidence check</Button>
        </div>
      </form>
    </section>
  );
}
