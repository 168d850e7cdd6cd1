import { graphql } from '../../gql';

/** Titles and headings, for filters and for naming where a claim sits. */
export const ArticleNamesQuery = graphql(`
  query ArticleNames {
    articles { id title sections { id heading } }
  }
`);

export const ArticlesQuery = graphql(`
  query Articles {
    articles {
      id title slug
      references { number resolved }
      sections { id heading position state claims { id state } }
    }
  }
`);

graphql(`
  fragment SectionFields on Section {
    id articleId heading position state revision
    claims { id text citations citationNeeded state revision textRevision publishedText publishedTextRevision }
  }
`);

export const ArticleQuery = graphql(`
  query Article($id: ID!) {
    article(id: $id) {
      id title slug revision
      references { number citation url resolved }
      sections { ...SectionFields }
    }
  }
`);

export const SignOffSectionEvidenceMutation = graphql(`
  mutation SignOffSectionEvidence($input: SectionActionInput!) {
    signOffSectionEvidence(input: $input) { ...SectionFields }
  }
`);

export const SignOffSectionMedicalMutation = graphql(`
  mutation SignOffSectionMedical($input: SectionActionInput!) {
    signOffSectionMedical(input: $input) { ...SectionFields }
  }
`);

export const PublishSectionMutation = graphql(`
  mutation PublishSection($input: SectionActionInput!) {
    publishSection(input: $input) { ...SectionFields }
  }
`);

export const UnpublishSectionMutation = graphql(`
  mutation UnpublishSection($input: SectionActionInput!) {
    unpublishSection(input: $input) { ...SectionFields }
  }
`);
