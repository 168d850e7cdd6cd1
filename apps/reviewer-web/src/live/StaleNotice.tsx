import { Button } from '../components/Button';

/** Says, in words, that what the person is editing changed under them, and offers the new version. */
export function StaleNotice({ subject, onAccept }: { subject: string; onAccept(): void }) {
  return (
    <div className="message message-warning" role="alert">
      <p>
        Someone else changed this {subject} while you were working on it. The page above now shows their version;
        what you typed here is kept. Read the new version, then carry on from it.
      </p>
      <Button onPress={onAccept}>Use the new version</Button>
    </div>
  );
}
