export { ProjectionEngine, ReadModelsInUse, type ProjectionEngineOptions, type RebuildReport } from './projection-engine';
export { ReadModels, type AuditFilter, type AuditKey, type Page } from './read-models';
export { cursor, type CursorKind } from './cursor';
export { auditTrailPage } from './audit-trail';
export { READ_MODEL_TABLES, READ_MODEL_VERSION } from './schema';
export { articleView, claimRecord, sectionView, type ArticleView, type ClaimRecord, type SectionView } from './views';
export type { AppliedEvent } from './read-model-writer';
export type { ReadModelSizes } from './read-model-fold';
export { followAppliedEvents, type FollowOptions } from './applied-event-feed';
