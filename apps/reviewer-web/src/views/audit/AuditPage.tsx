import { useLazyQuery, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe, useSession } from '../../auth/session';
import { Button } from '../../components/Button';
import { CheckboxField, SelectField, TextInput } from '../../components/fields';
import { ErrorMessage, Loading, Notice } from '../../components/messages';
import { formatTime, rolesInWords } from '../../components/words';
import type { AuditFilter } from '../../gql/graphql';
import { EVENT_WORDS, eventWords } from '../../live/describe-event';
import { useLiveRefresh } from '../../live/useLiveRefresh';
import { ArticleNamesQuery } from '../articles/operations';
import { usePageTitle } from '../usePageTitle';
import { AuditTrailQuery, VerifyIntegrityQuery } from './operations';

const EVENT_TYPES = Object.keys(EVENT_WORDS);

/** A datetime-local value (the browser's local time) as the API's UTC instant; null when empty. */
function toInstant(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function filterFrom(params: URLSearchParams): AuditFilter {
  const types = params.getAll('type');
  return {
    articleId: params.get('article') || null,
    actorId: params.get('actor') || null,
    types: types.length > 0 ? types : null,
    from: toInstant(params.get('from') ?? ''),
    to: toInstant(params.get('to') ?? ''),
  };
}

/** The article's history as a file, fetched with the token (a plain link would carry none). */
async function download(token: string, articleId: string, format: 'csv' | 'jsonl'): Promise<void> {
  const response = await fetch(`/audit/export?articleId=${encodeURIComponent(articleId)}&format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(response.status === 403 ? 'Only an auditor or an administrator can export the history.' : 'The export could not be made. Try again in a moment.');
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `article-${articleId}-history.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Integrity({ articleId }: { articleId: string | null }) {
  const [verify, { data, error, loading, called }] = useLazyQuery(VerifyIntegrityQuery, { fetchPolicy: 'network-only' });
  const report = data?.verifyIntegrity;
  return (
    <section aria-labelledby="integrity-heading" className="panel">
      <h2 id="integrity-heading">Integrity</h2>
      <p>Recompute every hash chain {articleId ? 'of this article' : 'in the store'} and show where one breaks, if one does.</p>
      <Button variant="primary" isDisabled={loading} onPress={() => void verify({ variables: { articleId } })}>Verify integrity</Button>
      {called && error ? <ErrorMessage>{describeError(error, { subject: 'article' })}</ErrorMessage> : null}
      {report && !loading ? (
        report.ok ? (
          <Notice tone="success">
            <strong>Chain intact.</strong> {report.streamsChecked} streams and {report.eventsChecked} events checked.
          </Notice>
        ) : (
          <div className="message message-error" role="alert">
            <strong>The chain breaks</strong>
            {report.firstBreak
              ? ` in ${report.firstBreak.streamId} at revision ${report.firstBreak.revision}: ${report.firstBreak.reason}.`
              : '.'}{' '}
            {report.streamsChecked} streams and {report.eventsChecked} events checked.
          </div>
        )
      ) : null}
    </section>
  );
}

function Export({ articleId }: { articleId: string | null }) {
  const { token } = useSession();
  const [failure, setFailure] = useState<string | null>(null);
  if (!articleId || !token) return <p className="muted">Choose an article to export its whole history (CSV or JSONL).</p>;
  const run = (format: 'csv' | 'jsonl') => {
    setFailure(null);
    download(token, articleId, format).catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  };
  return (
    <div className="actions">
      <Button onPress={() => run('csv')}>Export CSV</Button>
      <Button onPress={() => run('jsonl')}>Export JSONL</Button>
      <ErrorMessage>{failure}</ErrorMessage>
    </div>
  );
}

/** The audit trail across streams, filtered; the integrity check; the export. */
export function AuditPage() {
  usePageTitle('Audit');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const articles = useQuery(ArticleNamesQuery);
  const { data, error, loading, fetchMore } = useQuery(AuditTrailQuery, { variables: { filter } });
  useLiveRefresh(filter.articleId ?? null);

  // The form edits a draft of the filter; "Show events" puts it in the address.
  const [draft, setDraft] = useState(() => ({
    article: params.get('article') ?? '',
    actor: params.get('actor') ?? '',
    types: params.getAll('type'),
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.article) next.set('article', draft.article);
    if (draft.actor.trim()) next.set('actor', draft.actor.trim());
    for (const type of draft.types) next.append('type', type);
    if (draft.from) next.set('from', draft.from);
    if (draft.to) next.set('to', draft.to);
    setParams(next);
  };
  const edges = data?.auditTrail.edges ?? [];

  return (
    <>
      <h1>Audit</h1>
      <form onSubmit={apply} className="panel filters-form" aria-label="Filter the audit trail">
        <div className="filters">
          <SelectField
            label="Article"
            value={draft.article}
            onChange={(article) => setDraft({ ...draft, article })}
            options={[['', 'All articles'], ...(articles.data?.articles ?? []).map((article) => [article.id, article.title] as const)]}
          />
          <TextInput label="Actor" value={draft.actor} onChange={(actor) => setDraft({ ...draft, actor })} description="A user id, e.g. maya-medical-reviewer." />
          <TextInput label="From" type="datetime-local" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
          <TextInput label="To" type="datetime-local" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
        </div>
        <details className="event-types-picker">
          <summary>Event types: {draft.types.length === 0 ? 'all' : `${draft.types.length} chosen`}</summary>
          <fieldset className="event-types">
            <legend>Show only these event types</legend>
            {EVENT_TYPES.map((type) => (
              <CheckboxField
                key={type}
                value={type}
                isSelected={draft.types.includes(type)}
                onChange={(selected) => setDraft({ ...draft, types: selected ? [...draft.types, type] : draft.types.filter((each) => each !== type) })}
              >
                {type}
              </CheckboxField>
            ))}
          </fieldset>
        </details>
        <Button type="submit" variant="primary">Show events</Button>
      </form>
      <div className="two-panels">
        <Integrity articleId={filter.articleId ?? null} />
        <section aria-labelledby="export-heading" className="panel">
          <h2 id="export-heading">Export</h2>
          {can.exportAudit(me.roles) ? <Export articleId={filter.articleId ?? null} /> : <p className="muted">Only an auditor or an administrator can export the history.</p>}
        </section>
      </div>
      <section aria-labelledby="trail-heading">
        <h2 id="trail-heading">Events</h2>
        {error && !data ? <ErrorMessage>{describeError(error, { subject: 'audit trail' })}</ErrorMessage> : null}
        {!data && loading ? <Loading what="the audit trail" /> : null}
        {data && edges.length === 0 ? <p className="empty">No event matches these filters.</p> : null}
        <ol className="audit-trail">
          {edges.map(({ node: event }) => {
            const claimId = event.streamId.startsWith('claim-') ? event.streamId.slice('claim-'.length) : null;
            return (
              <li key={event.position} className="audit-event">
                <p>
                  <time dateTime={event.occurredAt}>{formatTime(event.occurredAt)}</time> ·{' '}
                  <strong>{event.actor.id}</strong> <span className="muted">({rolesInWords(event.actor.roles) || 'system'})</span> {eventWords(event.type)}
                </p>
                <p className="muted">
                  <code>{event.type}</code> on{' '}
                  {claimId ? <Link to={`/claims/${claimId}?revision=${event.revision}`}>{event.streamId}</Link> : <code>{event.streamId}</code>} at revision{' '}
                  {event.revision}
                </p>
                {event.reason ? <p className="reason">Reason: {event.reason}</p> : null}
                <details>
                  <summary>Recorded data and hash</summary>
                  <pre>{JSON.stringify(event.data, null, 2)}</pre>
                  <p className="hash">sha-256 {event.hash}</p>
                </details>
              </li>
            );
          })}
        </ol>
        {data?.auditTrail.pageInfo.hasNextPage ? (
          <Button onPress={() => void fetchMore({ variables: { after: data.auditTrail.pageInfo.endCursor } })}>Show more events</Button>
        ) : null}
      </section>
    </>
  );
}
