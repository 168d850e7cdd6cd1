import type { EventStore, RecordedEvent } from '@app/event-store';
import type { AuditFilter, Page, ReadModels } from './read-models';

/**
 * A page of the audit trail: the audit index finds the events, the store gives their bodies
 * (one short stream read each), so the read model never holds a second copy of the log.
 */
export async function auditTrailPage(
  readModels: ReadModels,
  store: EventStore,
  filter: AuditFilter,
  first: number,
  after: string | null,
): Promise<Page<RecordedEvent>> {
  const page = readModels.auditTrail(filter, first, after);
  const items = await Promise.all(
    page.items.map(async ({ cursor, node }) => {
      const [event] = await store.readStream(node.streamId, { fromRevision: node.revision, maxCount: 1 });
      if (!event || event.position !== node.position) {
        throw new Error(`the audit index and the log disagree at ${node.streamId} revision ${node.revision}: run verifyIntegrity`);
      }
      return { cursor, node: event };
    }),
  );
  return { items, hasNextPage: page.hasNextPage };
}
