import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/session';
import { Button } from '../../components/Button';
import { RadioField, TextInput } from '../../components/fields';
import { ErrorMessage } from '../../components/messages';
import type { ArticleFormat, ImportArticleMutation as ImportData } from '../../gql/graphql';
import { ArticleNamesQuery, ArticlesQuery } from '../articles/operations';
import { usePageTitle } from '../usePageTitle';
import { ImportArticleMutation } from './operations';

export function ImportReport({ report }: { report: ImportData['importArticle'] }) {
  const unresolved = report.unresolvedReferences;
  // The report replaces the form's place in the reading order: focus goes to it, so it is read.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [report]);
  return (
    <section aria-labelledby="report-heading" className="panel message-success">
      <h2 id="report-heading" ref={heading} tabIndex={-1}>
        Imported “{report.article.title}”
      </h2>
      <dl className="facts">
        <dt>Sections</dt>
        <dd>{report.sections}</dd>
        <dt>Claims</dt>
        <dd>{report.claims}</dd>
        <dt>Citations</dt>
        <dd>{report.citations}</dd>
        <dt>Claims without a citation</dt>
        <dd>{report.uncitedClaims}</dd>
        <dt>Unresolved references</dt>
        <dd>{unresolved.length === 0 ? 'None' : unresolved.map((number) => `[${number}]`).join(' ')}</dd>
      </dl>
      <p>
        <Link to={`/articles/${report.article.id}`}>Open the article</Link> to start its review.
      </p>
    </section>
  );
}

/** An editor imports an article from plain text or Markdown and sees what the importer made of it. */
export function ImportPage() {
  usePageTitle('Import article');
  const me = useMe();
  const [importArticle, { loading }] = useMutation(ImportArticleMutation, { refetchQueries: [ArticlesQuery, ArticleNamesQuery] });
  const [title, setTitle] = useState('');
  const [format, setFormat] = useState<ArticleFormat>('TEXT');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ title?: string; text?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [report, setReport] = useState<ImportData['importArticle'] | null>(null);

  if (!can.importArticle(me.roles)) {
    return (
      <>
        <h1>Import article</h1>
        <p>Only an editor can import articles.</p>
      </>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      title: title.trim() ? undefined : 'Give the article a title.',
      text: text.trim() ? undefined : 'Paste the article text.',
    };
    setErrors(found);
    if (found.title || found.text) return;
    setFailure(null);
    setReport(null);
    try {
      const result = await importArticle({ variables: { input: { title: title.trim(), text, format } } });
      if (result.data) setReport(result.data.importArticle);
      setTitle('');
      setText('');
    } catch (error) {
      setFailure(describeError(error, { subject: 'article' }));
    }
  };

  return (
    <>
      <h1>Import article</h1>
      <p>
        Headings become sections, each sentence or list item a claim, and markers such as [1] its citations. A numbered
        list under a “References” heading resolves the references.
      </p>
      {report ? <ImportReport report={report} /> : null}
      <form onSubmit={(event) => void submit(event)} noValidate className="panel">
        <TextInput label="Title" value={title} onChange={(value) => { setTitle(value); setErrors((all) => ({ ...all, title: undefined })); }} error={errors.title} maxLength={500} />
        <RadioField
          label="Format"
          value={format}
          onChange={(value) => setFormat(value as ArticleFormat)}
          options={[['TEXT', 'Plain text'], ['MARKDOWN', 'Markdown']]}
        />
        <TextInput
          label="Article text"
          value={text}
          onChange={(value) => { setText(value); setErrors((all) => ({ ...all, text: undefined })); }}
          error={errors.text}
          multiline
          rows={14}
        />
        <ErrorMessage>{failure}</ErrorMessage>
        <Button type="submit" variant="primary" isDisabled={loading}>Import article</Button>
      </form>
    </>
  );
}
