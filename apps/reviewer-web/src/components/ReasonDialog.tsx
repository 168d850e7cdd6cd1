import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { describeError, type ErrorContext } from '../api/errors';
import { Button } from './Button';
import { TextInput } from './fields';
import { ErrorMessage } from './messages';

interface Props {
  /** The action's name: on the button that opens the dialog, its title and its confirm button. */
  action: string;
  /** What the action does, in a sentence, shown above the reason. */
  explanation: ReactNode;
  onConfirm(reason: string): Promise<unknown>;
  errorContext?: ErrorContext;
  variant?: 'primary' | 'secondary' | 'danger';
}

/** An action that records who did it and why: a button that asks for the reason in a dialog. */
export function ReasonDialog({ action, explanation, onConfirm, errorContext, variant = 'primary' }: Props) {
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setInvalid('Give a reason: it is recorded with your name.');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm(reason.trim());
      setReason('');
      setOpen(false);
    } catch (error) {
      setFailure(describeError(error, errorContext));
    } finally {
      setBusy(false);
    }
  };

  return (
    <DialogTrigger isOpen={open} onOpenChange={(next) => { setOpen(next); setFailure(null); setInvalid(null); }}>
      <Button variant={variant}>{action}</Button>
      <ModalOverlay className="overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            <form onSubmit={submit} noValidate>
              <Heading slot="title">{action}</Heading>
              <div className="dialog-explanation">{explanation}</div>
              <TextInput
                label="Reason"
                value={reason}
                onChange={(value) => { setReason(value); setInvalid(null); }}
                error={invalid}
                multiline
                autoFocus
                isRequired
                maxLength={2000}
              />
              <ErrorMessage>{failure}</ErrorMessage>
              <div className="actions">
                <Button type="submit" variant={variant} isDisabled={busy}>{action}</Button>
                <Button slot="close">Cancel</Button>
              </div>
            </form>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
