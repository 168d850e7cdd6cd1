import type Database from 'better-sqlite3';
import { READ_MODEL_TABLES, type ReadModels } from '@app/projections';
import type { ReviewState } from '@app/domain';

/** Everything the read models serve, as one comparable value (to check a rebuild gives the same). */
export function readModelSnapshot(readModels: ReadModels): unknown {
  const articles = readModels.articles();
  const sections = articles.flatMap((a) => readModels.sections(a.sectionIds));
  const claims = sections.flatMap((s) => readModels.claims(s.claimIds));
  const queues = (['DRAFTED', 'EVIDENCE_CHECKED', 'MEDICALLY_REVIEWED', 'PUBLISHED'] as ReviewState[]).map((state) =>
    readModels.reviewQueue(state, { articleId: null, flagged: null }, 1000, null).items.map((item) => item.node.id),
  );
  const audit = readModels.auditTrail({}, 1000, null).items.map((item) => [item.node.position, item.node.streamId, item.node.revision]);
  return { articles, sections, claims, queues, audit };
}

/** Every row of the read-model tables, in a stable order: two builds of the same log must agree row for row. */
export function readModelTables(db: Database.Database, tables: readonly string[] = READ_MODEL_TABLES): Record<string, unknown[]> {
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]));
}
