import type { Role } from '../gql/graphql';

/**
 * Which actions to show a user, by role, as the API's authorization has them (schema.graphql
 * names the role of each mutation). The four-eyes rules are the server's: a button shown here
 * may still be refused, and the refusal is explained in words.
 */
const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((role) => roles.includes(role));

export const can = {
  importArticle: (roles: readonly Role[]) => has(roles, 'EDITOR'),
  proposeRevision: (roles: readonly Role[]) => has(roles, 'EDITOR'),
  checkEvidence: (roles: readonly Role[]) => has(roles, 'FACT_CHECKER'),
  reviewMedically: (roles: readonly Role[]) => has(roles, 'MEDICAL_REVIEWER'),
  signOffEvidence: (roles: readonly Role[]) => has(roles, 'FACT_CHECKER'),
  signOffMedical: (roles: readonly Role[]) => has(roles, 'MEDICAL_REVIEWER'),
  publish: (roles: readonly Role[]) => has(roles, 'PUBLISHER'),
  /** An ADMIN may take a section down at once too (a wrong dose). */
  unpublish: (roles: readonly Role[]) => has(roles, 'PUBLISHER', 'ADMIN'),
  comment: (roles: readonly Role[]) => has(roles, 'EDITOR', 'FACT_CHECKER', 'MEDICAL_REVIEWER', 'PUBLISHER'),
  exportAudit: (roles: readonly Role[]) => has(roles, 'AUDITOR', 'ADMIN'),
};
