import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { describeError } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/session';
import { ErrorMessage, Loading, Notice } from '../../components/messages';
import { StateBadge } from '../../components/StateBadge';
import { ClaimText, ExternalLink, referenceAnchor } from '../../components/StoredText';
import { EVIDENCE_LEVEL_LABELS, formatTime, rolesInWords } from '../../components/words';
import type { ClaimFieldsFragment, ClaimWordingQuery as WordingData } from '../../gql/graphql';
import type { Reference } from './types';
import { useLiveRefresh } from '../../live/useLiveRefresh';
import { usePageTitle } from '../usePageTitle';
import { Discussion } from './Discussion';
import { EvidenceCheckForm } from './EvidenceCheckForm';
import { History } from './History';
import { MedicalReviewForm } from './MedicalReviewForm';
import { ClaimArticleQuery, ClaimAsOfQuery, ClaimQuery, ClaimWordingQuery } from './operations';
import { ProposeRevisionForm } from './ProposeRevisionForm';

type Wording = NonNullable<WordingData['claim']>;

function Who({ label, actor }: { label: string; actor: { id: string; roles: ClaimFieldsFragment['author']['roles'] } | null }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{actor ? `${actor.id} (${rolesInWords(actor.roles)})` : <span className="muted">Not yet</span>}</dd>
    </>
  );
}

function ClaimDetails({ claim, references, wording }: { claim: ClaimFieldsFragment; references: readonly Reference[]; wording: Wording | null }) {
  const cited = claim.citations.map((number) => references.find((reference) => reference.number === number) ?? { number, citation: null, url: null, resolved: false });
  return (
    <>
      <ClaimText text={claim.text} flags={wording?.wordingFlags ?? []} citations={claim.citations} />
      {wording && wording.wordingFlags.length > 0 ? (
        <div className="message message-warning">
          <p>The marked wording asserts more than the evidence recorded for this claim supports:</p>
          <ul>
            {wording.wordingFlags.map((flag) => (
              <li key={`${flag.start}-${flag.end}`}>
                “{flag.phrase}”: {flag.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {claim.publishedText !== null && claim.publishedText !== claim.text ? (
        <div className="live-text">
          <h2 className="column-label">Live on the site (text {claim.publishedTextRevision})</h2>
          <p>{claim.publishedText}</p>
        </div>
      ) : null}
      <dl className="facts">
        <dt>State</dt>
        <dd>
          <StateBadge state={claim.state} /> <span className="muted">text {claim.textRevision}, revision {claim.revision}</span>
        </dd>
        <Who label="Written by" actor={claim.author} />
        <Who label="Evidence checked by" actor={claim.evidenceCheckedBy} />
        <Who label="Medically approved by" actor={claim.medicallyReviewedBy} />
        {wording?.medicallyReviewedAt ? (
          <>
            <dt>Approved on</dt>
            <dd>{formatTime(wording.medicallyReviewedAt)}</dd>
          </>
        ) : null}
        {wording?.reviewDueAt ? (
          <>
            <dt>Review due</dt>
            <dd>{formatTime(wording.reviewDueAt)}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="cited-heading">
        <h2 id="cited-heading">Cited references</h2>
        {cited.length === 0 ? <p className="muted">{claim.citationNeeded ? 'This claim cites nothing yet.' : 'This claim needs no citation.'}</p> : null}
        <ol className="references">
          {cited.map((reference) => {
            const evidence = claim.evidence.find((entry) => entry.referenceNumber === reference.number);
            return (
              <li key={reference.number} id={referenceAnchor(reference.number)} value={reference.number}>
                {reference.citation ? <span>{reference.citation}</span> : <em className="muted">No citation text yet</em>}{' '}
                {reference.url ? <ExternalLink url={reference.url} /> : null}{' '}
                <span className={`tag ${reference.resolved ? 'tag-ok' : 'tag-warning'}`}>{reference.resolved ? 'Resolved' : 'Unresolved'}</span>
                {evidence ? (
                  <p className="evidence">
                    Evidence: {EVIDENCE_LEVEL_LABELS[evidence.level]}
                    {evidence.locator ? `, ${evidence.locator}` : ''}
                    {evidence.note ? ` (${evidence.note})` : ''}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}

/**
 * One claim: its text, citations and state, who checked and approved it, the actions the user's
 * roles allow, the discussion and the history; `?revision=N` shows it as it was at revision N.
 */
export function ClaimPage() {
  const { claimId = '' } = useParams();
  const [params] = useSearchParams();
  const me = useMe();
  const asOfParam = params.get('revision');
  const asOf = asOfParam !== null && /^\d+$/.test(asOfParam) ? Number(asOfParam) : null;

  const current = useQuery(ClaimQuery, { variables: { id: claimId }, skip: asOf !== null });
  // A past revision is not the claim now: it stays out of the shared cache.
  const past = useQuery(ClaimAsOfQuery, { variables: { id: claimId, revision: asOf ?? 0 }, skip: asOf === null, fetchPolicy: 'no-cache' });
  const { data, error, loading, refetch } = asOf === null ? current : past;
  const claim = data?.claim ?? null;
  const article = useQuery(ClaimArticleQuery, { variables: { articleId: claim?.articleId ?? '' }, skip: !claim });
  const wording = useQuery(ClaimWordingQuery, { variables: { id: claimId }, skip: asOf !== null });
  const [done, setDone] = useState<string | null>(null);
  const news = useLiveRefresh(claim?.articleId ?? null, {
    relevant: () => asOf === null,
    announce: (event) => event.streamId === `claim-${claimId}` || event.streamId === `discussion-${claimId}`,
  });
  usePageTitle(claim ? `Claim: ${claim.text.slice(0, 60)}` : 'Claim');

  if (error && !data) return <ErrorMessage>{describeError(error, { subject: 'claim' })}</ErrorMessage>;
  if (!data) return loading ? <Loading what="the claim" /> : null;
  if (!claim) {
    return (
      <>
        <h1>Claim not found</h1>
        <p>
          {asOf !== null ? 'The claim did not exist at that revision.' : 'No claim has this address.'} Go to the <Link to="/queue">review queue</Link>.
        </p>
      </>
    );
  }
  const references = article.data?.article?.references ?? [];
  const section = article.data?.article?.sections.find((each) => each.id === claim.sectionId);
  const flags = wording.data?.claim ?? null;
  const onConflict = () => void Promise.all([refetch(), article.refetch()]);
  const forms = { claim, onConflict, onDone: setDone };
  const editable = asOf === null;

  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/articles/${claim.articleId}`}>{article.data?.article?.title ?? 'Article'}</Link>
        {section ? ` › ${section.heading || 'Introduction'}` : ''}
      </p>
      <h1>Claim</h1>
      {asOf !== null ? (
        <Notice tone="warning">
          You are looking at this claim as it was at revision {asOf}. <Link to={`/claims/${claimId}`}>See it as it is now</Link>.
        </Notice>
      ) : null}
      {news ? <Notice>{news} The page shows the change.</Notice> : null}
      <ClaimDetails claim={claim} references={references} wording={flags} />
      {done ? <Notice tone="success">{done}</Notice> : null}
      {editable && wording.error ? <p className="muted">Wording flags could not be checked for this claim.</p> : null}
      {editable && claim.state === 'DRAFTED' && can.checkEvidence(me.roles) ? (
        <EvidenceCheckForm {...forms} references={references} />
      ) : null}
      {editable && claim.state === 'EVIDENCE_CHECKED' && can.reviewMedically(me.roles) ? (
        <MedicalReviewForm {...forms} flagCount={flags?.wordingFlags.length ?? 0} />
      ) : null}
      {editable && can.proposeRevision(me.roles) ? <ProposeRevisionForm {...forms} references={references} /> : null}
      {editable ? <Discussion claimId={claimId} /> : null}
      <History claimId={claimId} viewingRevision={asOf} />
    </>
  );
}
