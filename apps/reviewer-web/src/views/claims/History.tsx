import { useLazyQuery, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { describeError } from '../../api/errors';
import { Button } from '../../components/Button';
import { ErrorMessage, Loading } from '../../components/messages';
import { formatTime, rolesInWords } from '../../components/words';
import type { ClaimHistoryQuery as HistoryData } from '../../gql/graphql';
import { eventWords } from '../../live/describe-event';
import { ClaimDiffQuery, ClaimHistoryQuery } from './operations';

type HistoryEvent = HistoryData['history']['edges'][number]['node'];

/** The text revision an event carries in its data, if any (ClaimDrafted, ClaimRevised). */
function textRevisionOf(event: HistoryEvent): number | null {
  const data = event.data as { textRevision?: unknown } | null;
  return typeof data?.textRevision === 'number' ? data.textRevision : null;
}

/** What an event adds that its type alone does not say: the evidence levels, the new text. */
function details(event: HistoryEvent): string | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.type === 'EvidenceCheckPassed' && Array.isArray(data.evidence)) {
    const entries = data.evidence as Array<{ referenceNumber?: number; level?: string; locator?: string }>;
    return entries.map((entry) => `[${entry.referenceNumber ?? '–'}] ${entry.level ?? ''}${entry.locator ? `, ${entry.locator}` : ''}`).join('; ') || 'No citation needed';
  }
  if ((event.type === 'ClaimDrafted' || event.type === 'ClaimRevised') && typeof data.text === 'string') return `“${data.text}”`;
  return null;
}

function WordDiff({ claimId, toTextRevision }: { claimId: string; toTextRevision: number }) {
  const [load, { data, error, loading, called }] = useLazyQuery(ClaimDiffQuery);
  if (!called) {
    return (
      <Button variant="quiet" onPress={() => void load({ variables: { id: claimId, from: toTextRevision - 1, to: toTextRevision } })}>
        Show changed words
      </Button>
    );
  }
  if (error) return <ErrorMessage>{describeError(error, { subject: 'claim' })}</ErrorMessage>;
  if (!data || loading) return <Loading what="the changes" />;
  return (
    <p className="diff" aria-label={`Changes from text ${toTextRevision - 1} to text ${toTextRevision}`}>
      {data.claimDiff.hunks.map((hunk, index) =>
        hunk.op === 'INSERT' ? (
          <ins key={index}>{hunk.text}</ins>
        ) : hunk.op === 'DELETE' ? (
          <del key={index}>{hunk.text}</del>
        ) : (
          <span key={index}>{hunk.text}</span>
        ),
      )}
    </p>
  );
}

/** Who did what to the claim, when and why, with word diffs between its texts and a view as of each revision. */
export function History({ claimId, viewingRevision }: { claimId: string; viewingRevision: number | null }) {
  const { data, error, loading, fetchMore } = useQuery(ClaimHistoryQuery, { variables: { streamId: `claim-${claimId}` } });
  const edges = data?.history.edges ?? [];
  return (
    <section aria-labelledby="history-heading" className="panel">
      <h2 id="history-heading">History</h2>
      {error && !data ? <ErrorMessage>{describeError(error, { subject: 'claim' })}</ErrorMessage> : null}
      {!data && loading ? <Loading what="the history" /> : null}
      <ol className="timeline">
        {edges.map(({ node: event }) => {
          const textRevision = textRevisionOf(event);
          const extra = details(event);
          return (
            <li key={event.revision} className={viewingRevision === event.revision ? 'timeline-current' : undefined}>
              <p>
                <strong>{event.actor.id}</strong> <span className="muted">({rolesInWords(event.actor.roles) || 'system'})</span>{' '}
                {eventWords(event.type)}
                {event.type === 'ClaimRevised' && textRevision ? ` (text ${textRevision})` : ''}
              </p>
              <p className="muted">
                <time dateTime={event.occurredAt}>{formatTime(event.occurredAt)}</time> · revision {event.revision}
              </p>
              {event.reason ? <p className="reason">Reason: {event.reason}</p> : null}
              {extra ? <p className="event-details">{extra}</p> : null}
              <div className="actions">
                {event.type === 'ClaimRevised' && textRevision && textRevision > 1 ? <WordDiff claimId={claimId} toTextRevision={textRevision} /> : null}
                <Link to={`/claims/${claimId}?revision=${event.revision}`}>View as of revision {event.revision}</Link>
              </div>
            </li>
          );
        })}
      </ol>
      {data?.history.pageInfo.hasNextPage ? (
        <Button onPress={() => void fetchMore({ variables: { after: data.history.pageInfo.endCursor } })}>Show later events</Button>
      ) : null}
    </section>
  );
}
