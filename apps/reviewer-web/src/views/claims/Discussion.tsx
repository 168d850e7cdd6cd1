import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/session';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/fields';
import { ErrorMessage, Loading } from '../../components/messages';
import { formatTime } from '../../components/words';
import type { ClaimDiscussionQuery as DiscussionData } from '../../gql/graphql';
import { ClaimDiscussionQuery, PostCommentMutation, ResolveCommentMutation } from './operations';

type Comment = NonNullable<DiscussionData['claim']>['comments'][number];

function CommentForm({ claimId, replyTo, label, onDone }: { claimId: string; replyTo: string | null; label: string; onDone(): void }) {
  const [post, { loading }] = useMutation(PostCommentMutation, { refetchQueries: [ClaimDiscussionQuery] });
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setInvalid('Write your comment first.');
      return;
    }
    setFailure(null);
    try {
      await post({ variables: { input: { claimId, text: text.trim(), replyTo } } });
      setText('');
      onDone();
    } catch (error) {
      setFailure(describeError(error, { subject: 'claim' }));
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="comment-form">
      <TextInput label={label} value={text} onChange={(value) => { setText(value); setInvalid(null); }} error={invalid} multiline maxLength={2000} />
      <ErrorMessage>{failure}</ErrorMessage>
      <Button type="submit" isDisabled={loading}>{replyTo ? 'Post reply' : 'Post comment'}</Button>
    </form>
  );
}

function Thread({ start, replies, claimId }: { start: Comment; replies: Comment[]; claimId: string }) {
  const me = useMe();
  const [replying, setReplying] = useState(false);
  const [resolve, { loading }] = useMutation(ResolveCommentMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const mayResolve = !start.resolved && (start.author.id === me.id || me.roles.includes('EDITOR'));
  const one = (comment: Comment) => (
    <article className="comment" key={comment.id}>
      <p className="comment-meta">
        <strong>{comment.author.id}</strong> <span className="muted">{formatTime(comment.postedAt)}</span>
      </p>
      <p className="comment-text">{comment.text}</p>
    </article>
  );
  return (
    <li className={`thread${start.resolved ? ' thread-resolved' : ''}`}>
      {one(start)}
      {replies.length > 0 ? <ul className="replies">{replies.map((reply) => <li key={reply.id}>{one(reply)}</li>)}</ul> : null}
      {start.resolved ? <p className="muted">Resolved{start.resolvedBy ? ` by ${start.resolvedBy.id}` : ''}.</p> : null}
      <ErrorMessage>{failure}</ErrorMessage>
      <div className="actions">
        {!start.resolved && can.comment(me.roles) && !replying ? <Button variant="quiet" onPress={() => setReplying(true)}>Reply</Button> : null}
        {mayResolve ? (
          <Button
            variant="quiet"
            isDisabled={loading}
            onPress={() => {
              setFailure(null);
              resolve({ variables: { input: { commentId: start.id } } }).catch((error: unknown) => setFailure(describeError(error, { subject: 'comment' })));
            }}
          >
            Resolve
          </Button>
        ) : null}
      </div>
      {replying ? <CommentForm claimId={claimId} replyTo={start.id} label="Reply" onDone={() => setReplying(false)} /> : null}
    </li>
  );
}

/** The claim's discussion: threads oldest first, replies under the comment they answer. */
export function Discussion({ claimId }: { claimId: string }) {
  const me = useMe();
  const { data, error, loading } = useQuery(ClaimDiscussionQuery, { variables: { id: claimId } });
  const comments = data?.claim?.comments ?? [];
  const starts = comments.filter((comment) => !comment.replyTo);
  return (
    <section aria-labelledby="discussion-heading" className="panel">
      <h2 id="discussion-heading">Discussion</h2>
      {error && !data ? <ErrorMessage>{`The discussion could not be loaded. ${describeError(error, { subject: 'claim' })}`}</ErrorMessage> : null}
      {!data && loading ? <Loading what="the discussion" /> : null}
      {data && starts.length === 0 ? <p className="empty">No comments yet.</p> : null}
      <ul className="threads">
        {starts.map((start) => (
          <Thread key={start.id} start={start} replies={comments.filter((comment) => comment.replyTo === start.id)} claimId={claimId} />
        ))}
      </ul>
      {can.comment(me.roles) ? <CommentForm claimId={claimId} replyTo={null} label="Comment" onDone={() => undefined} /> : null}
    </section>
  );
}
