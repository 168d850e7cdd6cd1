import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe, type Me } from '../../auth/session';
import { Button } from '../../components/Button';
import { CheckboxField, SelectField } from '../../components/fields';
import { ErrorMessage, Loading } from '../../components/messages';
import { StateBadge } from '../../components/StateBadge';
import { formatTime, REVIEW_STATES, STATE_LABELS } from '../../components/words';
import type { QueueClaimFragment, ReviewState } from '../../gql/graphql';
import { useLiveRefresh } from '../../live/useLiveRefresh';
import { ArticleNamesQuery } from '../articles/operations';
import { usePageTitle } from '../usePageTitle';
import { QueueCountsQuery, ReviewDueQuery, ReviewQueueQuery } from './operations';

/** Claims per page: the first screen of a long queue stays quick (bench:web measures it). */
export const QUEUE_PAGE_SIZE = 100;
/** "Due for re-review": approvals that end within this many days. */
const DUE_WITHIN_DAYS = 30;

/** Where a user's own work usually waits. */
export function defaultState(roles: Me['roles']): ReviewState {
  if (can.checkEvidence(roles)) return 'DRAFTED';
  if (can.reviewMedically(roles)) return 'EVIDENCE_CHECKED';
  if (can.publish(roles)) return 'MEDICALLY_REVIEWED';
  return 'DRAFTED';
}

/** What the user can do with a claim in the queue, in words; null when nothing (yet). */
export function nextStepFor(me: Me, claim: QueueClaimFragment): string | null {
  const own = claim.author.id === me.id;
  if (claim.state === 'DRAFTED' && can.checkEvidence(me.roles) && !own) return 'You can check its evidence';
  if (claim.state === 'EVIDENCE_CHECKED' && can.reviewMedically(me.roles) && !own && claim.evidenceCheckedBy?.id !== me.id) {
    return 'You can review it';
  }
  if (claim.state === 'MEDICALLY_REVIEWED' && can.publish(me.roles)) return 'Ready to publish with its section';
  return null;
}

type Names = Map<string, string>;

function QueueRow({ claim, names, me, due }: { claim: QueueClaimFragment; names: Names; me: Me; due?: string | null }) {
  const step = nextStepFor(me, claim);
  const section = names.get(claim.sectionId);
  return (
    <li className={`queue-row${step ? ' queue-row-actionable' : ''}`}>
      <Link to={`/claims/${claim.id}`} className="queue-claim">
        {claim.text}
      </Link>
      <div className="queue-meta">
        <StateBadge state={claim.state} />
        <span>{names.get(claim.articleId) ?? 'Article'}{section ? ` · ${section}` : ''}</span>
        {claim.citations.length === 0 && claim.citationNeeded ? <span className="tag">No citation</span> : null}
        {due ? <span className="tag tag-warning">Review due {formatTime(due)}</span> : null}
        {step ? <strong className="next-step">{step}</strong> : null}
      </div>
    </li>
  );
}

/** Claims the user can act on first, in the queue's order otherwise. */
function actionableFirst<T extends { node: QueueClaimFragment }>(me: Me, edges: readonly T[]): T[] {
  const mine = edges.filter((edge) => nextStepFor(me, edge.node));
  return [...mine, ...edges.filter((edge) => !nextStepFor(me, edge.node))];
}

function StateList({ state, articleId, flagged, names, me }: { state: ReviewState; articleId: string | null; flagged: boolean | null; names: Names; me: Me }) {
  const { data, error, loading, fetchMore } = useQuery(ReviewQueueQuery, {
    variables: { state, articleId, flagged, first: QUEUE_PAGE_SIZE },
  });
  if (error && !data) return <ErrorMessage>{describeError(error, { subject: 'queue' })}</ErrorMessage>;
  if (!data) return loading ? <Loading what="the queue" /> : null;
  const { edges, pageInfo } = data.reviewQueue;
  if (edges.length === 0) return <p className="empty">No claims are {STATE_LABELS[state].toLowerCase()} here.</p>;
  return (
    <>
      <ol className="queue" aria-label={`${STATE_LABELS[state]} claims`}>
        {actionableFirst(me, edges).map(({ node }) => (
          <QueueRow key={node.id} claim={node} names={names} me={me} />
        ))}
      </ol>
      {pageInfo.hasNextPage ? (
        <Button onPress={() => void fetchMore({ variables: { after: pageInfo.endCursor } })}>Show more claims</Button>
      ) : null}
    </>
  );
}

function DueList({ articleId, names, me }: { articleId: string | null; names: Names; me: Me }) {
  // Fixed for the life of the view, so that the query's variables stay the same.
  const [before] = useState(() => new Date(Date.now() + DUE_WITHIN_DAYS * 86_400_000).toISOString());
  const { data, error, loading, fetchMore } = useQuery(ReviewDueQuery, { variables: { before, articleId, first: QUEUE_PAGE_SIZE } });
  if (error && !data) return <ErrorMessage>{describeError(error, { subject: 'list' })}</ErrorMessage>;
  if (!data) return loading ? <Loading what="the claims due for re-review" /> : null;
  const { edges, pageInfo, totalCount } = data.reviewDue;
  if (edges.length === 0) return <p className="empty">No approval ends in the next {DUE_WITHIN_DAYS} days.</p>;
  return (
    <>
      <p>
        {totalCount} approved claim{totalCount === 1 ? '' : 's'} must be reviewed again within {DUE_WITHIN_DAYS} days, soonest first.
      </p>
      <ol className="queue" aria-label="Claims due for re-review">
        {edges.map(({ node }) => (
          <QueueRow key={node.id} claim={node} names={names} me={me} due={node.reviewDueAt} />
        ))}
      </ol>
      {pageInfo.hasNextPage ? (
        <Button onPress={() => void fetchMore({ variables: { after: pageInfo.endCursor } })}>Show more claims</Button>
      ) : null}
    </>
  );
}

const COUNT_FIELDS: Record<ReviewState, 'drafted' | 'evidenceChecked' | 'medicallyReviewed' | 'published'> = {
  DRAFTED: 'drafted',
  EVIDENCE_CHECKED: 'evidenceChecked',
  MEDICALLY_REVIEWED: 'medicallyReviewed',
  PUBLISHED: 'published',
};

/** Claims by state with their counts; filters by article and flagged wording; approvals due again. */
export function QueuePage() {
  usePageTitle('Review queue');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const due = params.get('view') === 'due';
  const requested = params.get('state') as ReviewState | null;
  const state = requested && REVIEW_STATES.includes(requested) ? requested : defaultState(me.roles);
  const articleId = params.get('article') || null;
  const flagged = params.get('flagged') === '1' ? true : null;

  const articles = useQuery(ArticleNamesQuery);
  const counts = useQuery(QueueCountsQuery, { variables: { articleId, flagged } });
  useLiveRefresh(articleId, { relevant: (event) => event.streamId.startsWith('claim-') });

  const names = useMemo(() => {
    const map: Names = new Map();
    for (const article of articles.data?.articles ?? []) {
      map.set(article.id, article.title);
      for (const section of article.sections) map.set(section.id, section.heading || 'Introduction');
    }
    return map;
  }, [articles.data]);

  const withChanges = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    return next;
  };
  const update = (changes: Record<string, string | null>) => setParams(withChanges(changes));
  const link = (changes: Record<string, string | null>) => `?${withChanges(changes).toString()}`;

  return (
    <>
      <h1>Review queue</h1>
      <div className="filters">
        <SelectField
          label="Article"
          value={articleId ?? ''}
          onChange={(value) => update({ article: value || null })}
          options={[['', 'All articles'], ...(articles.data?.articles ?? []).map((article) => [article.id, article.title] as const)]}
        />
        <CheckboxField isSelected={flagged === true} onChange={(selected) => update({ flagged: selected ? '1' : null })}>
          Only claims with flagged wording
        </CheckboxField>
      </div>
      <nav aria-label="Queue" className="tabs">
        {REVIEW_STATES.map((each) => {
          const count = counts.data?.[COUNT_FIELDS[each]].totalCount;
          return (
            <Link key={each} to={link({ state: each, view: null })} aria-current={!due && each === state ? 'page' : undefined}>
              {STATE_LABELS[each]}
              {count === undefined ? null : <span className="count">{` (${count})`}</span>}
            </Link>
          );
        })}
        <Link to={link({ view: 'due', state: null })} aria-current={due ? 'page' : undefined}>
          Due for re-review
        </Link>
      </nav>
      {due ? (
        <DueList articleId={articleId} names={names} me={me} />
      ) : (
        <StateList state={state} articleId={articleId} flagged={flagged} names={names} me={me} />
      )}
    </>
  );
}
