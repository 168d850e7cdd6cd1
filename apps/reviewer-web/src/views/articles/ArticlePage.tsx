import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { describeError } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/session';
import { ErrorMessage, Loading, Notice } from '../../components/messages';
import { ReasonDialog } from '../../components/ReasonDialog';
import { StateBadge } from '../../components/StateBadge';
import { ExternalLink, referenceAnchor } from '../../components/StoredText';
import type { ArticleQuery as ArticleData, ReviewState, SectionFieldsFragment } from '../../gql/graphql';
import { useLiveRefresh } from '../../live/useLiveRefresh';
import { usePageTitle } from '../usePageTitle';
import {
  ArticleQuery,
  PublishSectionMutation,
  SignOffSectionEvidenceMutation,
  SignOffSectionMedicalMutation,
  UnpublishSectionMutation,
} from './operations';

const ORDER: ReviewState[] = ['DRAFTED', 'EVIDENCE_CHECKED', 'MEDICALLY_REVIEWED', 'PUBLISHED'];
const reached = (state: ReviewState, atLeast: ReviewState) => ORDER.indexOf(state) >= ORDER.indexOf(atLeast);

/** "2 of 5 claims have passed their evidence check", when not all have. */
function readiness(section: SectionFieldsFragment, atLeast: ReviewState, words: string): string | null {
  const done = section.claims.filter((claim) => reached(claim.state, atLeast)).length;
  if (done === section.claims.length) return null;
  return `Only ${done} of ${section.claims.length} claims ${words}; the rest must follow first.`;
}

function SectionActions({ section }: { section: SectionFieldsFragment }) {
  const me = useMe();
  const [evidence] = useMutation(SignOffSectionEvidenceMutation);
  const [medical] = useMutation(SignOffSectionMedicalMutation);
  const [publish] = useMutation(PublishSectionMutation);
  const [unpublish] = useMutation(UnpublishSectionMutation);
  const input = (reason: string) => ({ variables: { input: { sectionId: section.id, expectedRevision: section.revision, reason } } });
  const live = section.state === 'PUBLISHED' || section.claims.some((claim) => claim.publishedText !== null);
  const context = { subject: 'section' };

  const actions = [];
  if (section.state === 'DRAFTED' && can.signOffEvidence(me.roles)) {
    actions.push(
      <ReasonDialog
        key="evidence"
        action="Sign off evidence"
        explanation={readiness(section, 'EVIDENCE_CHECKED', 'have passed their evidence check') ?? 'You confirm that every claim of this section was checked against its sources.'}
        onConfirm={(reason) => evidence(input(reason))}
        errorContext={context}
      />,
    );
  }
  if (section.state === 'EVIDENCE_CHECKED' && can.signOffMedical(me.roles)) {
    actions.push(
      <ReasonDialog
        key="medical"
        action="Sign off medical review"
        explanation={readiness(section, 'MEDICALLY_REVIEWED', 'are medically approved') ?? 'You confirm that this section is medically sound as a whole.'}
        onConfirm={(reason) => medical(input(reason))}
        errorContext={{ ...context, separationOfDuties: "You signed off this section's evidence, so another medical reviewer must sign off its medical review." }}
      />,
    );
  }
  if (section.state === 'MEDICALLY_REVIEWED' && can.publish(me.roles)) {
    actions.push(
      <ReasonDialog
        key="publish"
        action="Publish section"
        explanation="The approved text of every claim of this section goes live."
        onConfirm={(reason) => publish(input(reason))}
        errorContext={context}
      />,
    );
  }
  if (live && can.unpublish(me.roles)) {
    actions.push(
      <ReasonDialog
        key="unpublish"
        action="Unpublish section"
        variant="danger"
        explanation="Nothing of this section stays live; it goes back to review."
        onConfirm={(reason) => unpublish(input(reason))}
        errorContext={context}
      />,
    );
  }
  return actions.length > 0 ? <div className="actions">{actions}</div> : null;
}

function SectionView({ section }: { section: SectionFieldsFragment }) {
  const headingId = `section-${section.id}`;
  const anyLive = section.claims.some((claim) => claim.publishedText !== null);
  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>{section.heading || 'Introduction'}</h2>
        <StateBadge state={section.state} />
      </div>
      <SectionActions section={section} />
      {section.claims.length === 0 ? <p className="empty">This section has no claims.</p> : null}
      <ol className="claims">
        {section.claims.map((claim) => (
          <li key={claim.id} className={`claim-row${anyLive ? ' claim-row-two' : ''}`}>
            <div>
              <h3 className="column-label">{anyLive ? `Current draft (text ${claim.textRevision})` : 'Text'}</h3>
              <Link to={`/claims/${claim.id}`} className="claim-link">
                {claim.text}
              </Link>
              <div className="queue-meta">
                <StateBadge state={claim.state} />
                {claim.citations.length > 0 ? (
                  <span>
                    Cites{' '}
                    {claim.citations.map((number) => (
                      <a key={number} href={`#${referenceAnchor(number)}`} className="citation" aria-label={`reference ${number}`}>
                        [{number}]
                      </a>
                    ))}
                  </span>
                ) : claim.citationNeeded ? (
                  <span className="tag">No citation</span>
                ) : null}
              </div>
            </div>
            {anyLive ? (
              <div className="live-text">
                <h3 className="column-label">Live on the site{claim.publishedTextRevision ? ` (text ${claim.publishedTextRevision})` : ''}</h3>
                {claim.publishedText === null ? <p className="muted">Not live</p> : <p>{claim.publishedText}</p>}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function References({ references }: { references: NonNullable<ArticleData['article']>['references'] }) {
  return (
    <section aria-labelledby="references-heading" className="references">
      <h2 id="references-heading">References</h2>
      {references.length === 0 ? <p className="empty">This article has no references.</p> : null}
      <ol>
        {references.map((reference) => (
          <li key={reference.number} id={referenceAnchor(reference.number)} value={reference.number}>
            {reference.citation ? <span>{reference.citation}</span> : <em className="muted">No citation text yet</em>}{' '}
            {reference.url ? <ExternalLink url={reference.url} /> : null}{' '}
            <span className={`tag ${reference.resolved ? 'tag-ok' : 'tag-warning'}`}>{reference.resolved ? 'Resolved' : 'Unresolved'}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** An article: its sections in order with their states and actions, claims, live text, references. */
export function ArticlePage() {
  const { articleId = '' } = useParams();
  const { data, error, loading } = useQuery(ArticleQuery, { variables: { id: articleId } });
  const news = useLiveRefresh(articleId, { announce: () => true });
  const article = data?.article;
  usePageTitle(article?.title ?? 'Article');

  if (error && !data) return <ErrorMessage>{describeError(error, { subject: 'article' })}</ErrorMessage>;
  if (!data) return loading ? <Loading what="the article" /> : null;
  if (!article) {
    return (
      <>
        <h1>Article not found</h1>
        <p>
          No article has this address. See the <Link to="/articles">articles</Link>.
        </p>
      </>
    );
  }
  const sections = [...article.sections].sort((a, b) => a.position - b.position);
  return (
    <>
      <h1>{article.title}</h1>
      {news ? <Notice>{news} The page shows the change.</Notice> : null}
      <p>
        <Link to={`/queue?article=${article.id}`}>This article's claims in the review queue</Link> ·{' '}
        <Link to={`/audit?article=${article.id}`}>Its audit trail</Link>
      </p>
      {sections.map((section) => (
        <SectionView key={section.id} section={section} />
      ))}
      <References references={article.references} />
    </>
  );
}
