import Database from 'better-sqlite3';
import type { JsonObject, RecordedEvent } from '@app/event-store';
import { readModelTables } from '../../../test/support/read-model-snapshot';
import { ReadModels } from './read-models';
import { ReadModelWriter } from './read-model-writer';
import { createReadModelTables } from './schema';

const editor = { id: 'eve', roles: ['EDITOR'] };
const checker = { id: 'finn', roles: ['FACT_CHECKER'] };
const T0 = Date.UTC(2026, 0, 1);

/** One claim's life, with a second claim's draft in between, as the store would deliver it. */
function history(): RecordedEvent[] {
  const at = (position: number, streamId: string, revision: number, type: string, data: object, actor: object): RecordedEvent => ({
    id: `event-${position}`,
    streamId,
    revision,
    position,
    type,
    data: data as JsonObject,
    metadata: { actor, occurredAt: T0 + position * 60_000 } as JsonObject,
    recordedAt: T0 + position * 60_000,
  });
  const drafted = (claimId: string, text: string) => ({
    claimId, articleId: 'a1', sectionId: 's1', text, citations: [1], citationNeeded: false, textRevision: 1, author: editor,
  });
  return [
    at(1, 'claim-c1', 0, 'ClaimDrafted', drafted('c1', 'Creatine may help.'), editor),
    at(2, 'claim-c2', 0, 'ClaimDrafted', drafted('c2', 'Sleep matters.'), editor),
    at(3, 'claim-c1', 1, 'ClaimRevised', { text: 'Creatine may help sprinters.', citations: [1], citationNeeded: false, textRevision: 2, author: editor }, editor),
    at(4, 'claim-c1', 2, 'EvidenceCheckPassed', {
      textRevision: 2, evidence: [{ referenceNumber: 1, level: 'HUMAN_RCT', locator: 'p. 2', note: null }], noCitationNeeded: false, checkedBy: checker,
    }, checker),
  ];
}

const tables = (db: Database.Database) =>
  readModelTables(db, ['claims', 'audit_names', 'audit_events', 'audit_time_buckets', 'read_model_meta']);

function openDb(): Database.Database {
  const db = new Database(':memory:');
  createReadModelTables(db);
  db.prepare('INSERT INTO read_model_meta (id, version, position) VALUES (1, 0, 0)').run();
  return db;
}

describe('ReadModelWriter', () => {
  it('given tables written by an earlier writer, a new writer continues each entity and name from what is stored', () => {
    const db = openDb();
    const [first, second, third, fourth] = history();
    const earlier = new ReadModelWriter(db);
    earlier.apply(first);
    earlier.apply(second);
    earlier.flush();

    const later = new ReadModelWriter(db);
    later.apply(third);
    later.apply(fourth);
    later.flush();

    const claim = new ReadModels(db).claim('c1');
    expect(claim).toMatchObject({ text: 'Creatine may help sprinters.', state: 'EVIDENCE_CHECKED', revision: 2, textRevision: 2, evidenceCheckedBy: checker });
    const trail = new ReadModels(db).auditTrail({ streamId: 'claim-c1' }, 10, null).items.map((item) => item.node);
    expect(trail).toEqual([
      { position: 1, streamId: 'claim-c1', revision: 0 },
      { position: 3, streamId: 'claim-c1', revision: 1 },
      { position: 4, streamId: 'claim-c1', revision: 2 },
    ]);
    // Every name is stored once: the later writer found eve, a1 and claim-c1 instead of adding them again.
    const names = db.prepare('SELECT name FROM audit_names ORDER BY id').pluck().all();
    expect(names).toEqual(['claim-c1', 'a1', 'ClaimDrafted', 'eve', 'claim-c2', 'ClaimRevised', 'EvidenceCheckPassed', 'finn']);
    expect(new ReadModels(db).auditTrail({ actorId: 'finn' }, 10, null).items.map((item) => item.node.position)).toEqual([4]);
  });

  it('when its caches forget everything after each flush, leaves the same tables as when they keep everything', () => {
    const keeping = openDb();
    const keeper = new ReadModelWriter(keeping);
    for (const event of history()) keeper.apply(event);
    keeper.flush();

    const forgetting = openDb();
    const forgetter = new ReadModelWriter(forgetting);
    forgetter.cacheLimit = 0;
    for (const event of history()) {
      forgetter.apply(event);
      forgetter.flush();
    }
    expect(tables(forgetting)).toEqual(tables(keeping));
    expect(tables(keeping).audit_events).toHaveLength(4);
  });

  it('writes batches of audit rows larger than one multi-row insert, and the remainder', () => {
    const db = openDb();
    const writer = new ReadModelWriter(db);
    const events = Array.from({ length: 150 }, (_, i): RecordedEvent => ({
      id: `n-${i}`, streamId: `note-${i % 7}`, revision: Math.floor(i / 7), position: i + 1, type: 'Noted', data: {},
      metadata: { actor: editor, occurredAt: T0 + i } as JsonObject, recordedAt: T0 + i,
    }));
    for (const event of events) writer.apply(event);
    writer.flush();
    const rows = db.prepare('SELECT position, revision FROM audit_events ORDER BY position').all();
    expect(rows).toEqual(events.map((e) => ({ position: e.position, revision: e.revision })));
    expect(new ReadModels(db).auditTrail({ streamId: 'note-3' }, 100, null).items).toHaveLength(21);
  });
});
