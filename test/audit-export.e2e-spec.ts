import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@app/event-store';
import { articleStreams } from '../apps/api/src/audit/article-streams';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, type Harness } from './support/app-harness';
import { EVIDENCE, IMPORT, MEDICAL, SMALL_ARTICLE, type AuditEventShape, type ClaimShape, type SectionShape } from './support/review-operations';

/**
 * GET /audit/export: an article's whole history with its hashes, one event a row, then the chain
 * head of each stream, for auditors and admins only. The JSONL export is verified offline with
 * nothing but node:crypto and the canonical JSON function below, as an outside auditor would.
 */

jest.setTimeout(60_000);

/** A JSONL export row: the AuditEvent fields plus what offline verification needs. */
interface ExportedEvent extends AuditEventShape {
  record: 'event';
  eventId: string;
  metadata: Record<string, unknown>;
  commandId: string | null;
}

interface ExportedHead {
  record: 'chainHead';
  streamId: string;
  revision: number;
  hash: string;
}

type ExportedRow = ExportedEvent | ExportedHead;

// ---- what an auditor writes: canonical JSON (sorted keys, no whitespace) and sha-256 ----

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(object[k])}`).join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Recomputes every chain of an export; the first break, or null when every hash and head holds. */
function verifyOffline(rows: ExportedRow[]): { streamId: string; revision: number; reason: string } | null {
  const last = new Map<string, { revision: number; hash: string }>();
  for (const row of rows) {
    if (row.record !== 'event') continue;
    const before = last.get(row.streamId);
    const brokenAt = (reason: string) => ({ streamId: row.streamId, revision: row.revision, reason });
    if (row.revision !== (before ? before.revision + 1 : 0)) return brokenAt('revision out of sequence');
    const { hash, ...metadata } = row.metadata;
    const previousHash = before ? before.hash : null;
    if ((metadata.previousHash ?? null) !== previousHash || row.previousHash !== previousHash) return brokenAt('previous hash');
    const body = { stream: row.streamId, revision: row.revision, type: row.type, data: row.data, metadata, previousHash };
    const recomputed = sha256(canonical(body));
    if (recomputed !== hash || row.hash !== hash) return brokenAt('hash');
    last.set(row.streamId, { revision: row.revision, hash: recomputed });
  }
  const heads = rows.filter((row): row is ExportedHead => row.record === 'chainHead');
  for (const head of heads) {
    const end = last.get(head.streamId);
    if (!end || end.revision !== head.revision || end.hash !== head.hash) return { ...head, reason: 'chain head' };
  }
  if (heads.length !== last.size) return { streamId: '', revision: -1, reason: 'a stream has no chain head' };
  return null;
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** A reason a spreadsheet would run as a formula, with a quote, a comma and a line break in it. */
const TRICKY_REASON = '=HYPERLINK("http://evil.example"), see Table 2\nsecond line';
const MEANING = 'I approve this wording as medically accurate (signature)';

describe('audit export (GET /audit/export and npm run audit:export)', () => {
  let h: Harness;
  let store: EventStore;
  const tokens: Record<string, string> = {};
  let articleId: string;
  let otherArticleId: string;
  let claim: ClaimShape;

  function exportUrl(query: Record<string, string>): string {
    return `${h.url}/audit/export?${new URLSearchParams(query).toString()}`;
  }

  async function download(token: string | null, query: Record<string, string>): Promise<Response> {
    return fetch(exportUrl(query), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  async function jsonl(): Promise<{ text: string; rows: ExportedRow[] }> {
    const res = await download(tokens.auditor, { articleId, format: 'jsonl' });
    expect(res.status).toBe(200);
    const text = await res.text();
    return { text, rows: text.trimEnd().split('\n').map((line) => JSON.parse(line) as ExportedRow) };
  }

  async function storedEventsOfArticle() {
    const streams = new Set(await articleStreams(store, articleId));
    return { streams, events: (await store.readAll({ maxCount: 10_000 })).filter((e) => streams.has(e.streamId)) };
  }

  beforeAll(async () => {
    h = await startApp();
    store = h.app.get(EVENT_STORE);
    Object.assign(tokens, await h.roleTokens());
    const imported = await h.gql<{ importArticle: { article: { id: string; sections: SectionShape[] } } }>(tokens.editor, IMPORT, {
      input: { title: 'Magnesium and sleep', text: SMALL_ARTICLE },
    });
    expect(imported.errors).toBeUndefined();
    articleId = imported.data!.importArticle.article.id;
    claim = imported.data!.importArticle.article.sections.find((s) => s.heading === 'Sleep')!.claims[0];
    const other = await h.gql<{ importArticle: { article: { id: string } } }>(await h.token('otto', ['EDITOR']), IMPORT, {
      input: { title: 'Zinc and colds', text: 'Zinc lozenges may shorten colds.' },
    });
    otherArticleId = other.data!.importArticle.article.id;
    const checked = await h.gql(tokens.checker, EVIDENCE, {
      input: {
        claimId: claim.id,
        expectedRevision: 0,
        verdict: 'PASS',
        evidence: [{ referenceNumber: 2, level: 'HUMAN_RCT', locator: 'Table 2' }],
        reason: TRICKY_REASON,
      },
    });
    expect(checked.errors).toBeUndefined();
    const approved = await h.gql(tokens.reviewer, MEDICAL, {
      input: { claimId: claim.id, expectedRevision: 1, decision: 'APPROVE', reason: MEANING },
    });
    expect(approved.errors).toBeUndefined();
  });

  afterAll(async () => {
    await h?.close();
    if (h) removeDir(h.dir);
  });

  it('given no token, another role, a bad format or an unknown article, when the export is asked for, then it answers 401, 403, 400 or 404 and no history', async () => {
    const cases: Array<[string | null, Record<string, string>, number]> = [
      [null, { articleId, format: 'jsonl' }, 401],
      ['Bearer not-a-jwt', { articleId, format: 'jsonl' }, 401],
      [tokens.editor, { articleId, format: 'jsonl' }, 403],
      [tokens.checker, { articleId, format: 'csv' }, 403],
      [tokens.reviewer, { articleId, format: 'csv' }, 403],
      [tokens.auditor, { articleId, format: 'xml' }, 400],
      [tokens.auditor, { articleId, format: 'toString' }, 400],
      [tokens.auditor, { articleId, format: '__proto__' }, 400],
      [tokens.auditor, { format: 'jsonl' }, 400],
      [tokens.auditor, { articleId: 'no-such-article', format: 'jsonl' }, 404],
    ];
    for (const [token, query, status] of cases) {
      const res =
        token?.startsWith('Bearer ') === true
          ? await fetch(exportUrl(query), { headers: { authorization: token } })
          : await download(token, query);
      const body = await res.text();
      expect([query, res.status]).toEqual([query, status]);
      expect(body).not.toContain('"record"');
    }
  });

  it('given an auditor or an admin, when the JSONL export is downloaded, then it holds every event of the article once, in commit order, then one chain head per stream', async () => {
    const res = await download(tokens.admin, { articleId, format: 'jsonl' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="article-${articleId}-history.jsonl"`);
    const { rows, text } = await jsonl();
    expect(await res.text()).toBe(text);

    const { streams, events } = await storedEventsOfArticle();
    const exported = rows.filter((row): row is ExportedEvent => row.record === 'event');
    const heads = rows.filter((row): row is ExportedHead => row.record === 'chainHead');
    expect(rows).toEqual([...exported, ...heads]);
    expect(exported.map((e) => [e.eventId, e.position, e.streamId, e.revision, e.hash])).toEqual(
      events.map((e) => [e.id, String(e.position), e.streamId, e.revision, e.metadata.hash]),
    );
    expect(exported.every((e) => !e.streamId.endsWith(otherArticleId))).toBe(true);
    expect(new Set(heads.map((head) => head.streamId))).toEqual(streams);
    for (const e of exported) expect(e.metadata).toEqual(events.find((s) => s.id === e.eventId)!.metadata);
  });

  it('given the JSONL export, when an auditor recomputes every hash offline with node:crypto and a canonical JSON of their own, then every chain and head holds', async () => {
    const { rows } = await jsonl();
    expect(verifyOffline(rows)).toBeNull();

    // The same check catches an edited row, so it is not vacuous.
    const edited = rows.map((row) =>
      row.record === 'event' && row.type === 'MedicalReviewApproved' ? { ...row, data: { ...row.data, meaning: 'never approved' } } : row,
    );
    expect(verifyOffline(edited)).toEqual({ streamId: `claim-${claim.id}`, revision: 2, reason: 'hash' });
    const dropped = rows.filter((row) => !(row.record === 'event' && row.streamId === `claim-${claim.id}` && row.revision === 1));
    expect(verifyOffline(dropped)).toMatchObject({ streamId: `claim-${claim.id}`, revision: 2 });
  });

  it('given the CSV export, when it is parsed, then it has the header, one row per event in the JSONL order, then the chain heads, with awkward text intact', async () => {
    const res = await download(tokens.auditor, { articleId, format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(await res.text());
    const column = (name: string) => {
      const index = header.indexOf(name);
      expect(index).toBeGreaterThanOrEqual(0);
      return index;
    };
    for (const row of rows) expect(row).toHaveLength(header.length);

    const { rows: lines } = await jsonl();
    const exported = lines.filter((row): row is ExportedEvent => row.record === 'event');
    const heads = lines.filter((row): row is ExportedHead => row.record === 'chainHead');
    const eventRows = rows.filter((row) => row[column('record')] === 'event');
    const headRows = rows.filter((row) => row[column('record')] === 'chainHead');
    expect(rows).toHaveLength(eventRows.length + headRows.length);
    expect(eventRows.map((r) => [r[column('position')], r[column('stream_id')], Number(r[column('revision')]), r[column('hash')]])).toEqual(
      exported.map((e) => [e.position, e.streamId, e.revision, e.hash]),
    );
    expect(headRows.map((r) => [r[column('stream_id')], Number(r[column('revision')]), r[column('hash')]])).toEqual(
      heads.map((head) => [head.streamId, head.revision, head.hash]),
    );
    eventRows.forEach((r, i) => {
      expect(JSON.parse(r[column('data')])).toEqual(exported[i].data);
      expect(JSON.parse(r[column('metadata')])).toEqual(exported[i].metadata);
      expect(r[column('previous_hash')]).toBe(exported[i].previousHash ?? '');
    });
    // A field a spreadsheet would run as a formula is defused with a leading quote; the rest is verbatim.
    const check = eventRows.find((r) => r[column('type')] === 'EvidenceCheckPassed')!;
    expect(check[column('reason')]).toBe(`'${TRICKY_REASON}`);
    expect(exported.find((e) => e.type === 'EvidenceCheckPassed')!.reason).toBe(TRICKY_REASON);
  });

  it('given a medical approval, when the history is exported, then its row carries the reviewer, the time and the meaning, bound to the text revision and its hash', async () => {
    const { rows } = await jsonl();
    const approval = rows.find((row): row is ExportedEvent => row.record === 'event' && row.type === 'MedicalReviewApproved')!;
    const stored = (await store.readStream(`claim-${claim.id}`))[2];
    expect(approval.actor).toEqual({ id: 'maya', roles: ['MEDICAL_REVIEWER'] });
    expect(approval.occurredAt).toBe(new Date(stored.metadata.occurredAt as number).toISOString());
    expect(approval.reason).toBe(MEANING);
    expect(approval.data).toEqual({
      textRevision: 1,
      textHash: sha256(claim.text),
      reviewer: { id: 'maya', roles: ['MEDICAL_REVIEWER'] },
      meaning: MEANING,
      // When, until when (APPROVAL_VALIDITY, a year by default), and the wording flags approved regardless.
      approvedAt: Date.parse(approval.occurredAt),
      reviewDueAt: new Date(Date.parse(approval.occurredAt)).setUTCFullYear(new Date(Date.parse(approval.occurredAt)).getUTCFullYear() + 1),
      acknowledgedWordingFlags: [],
    });

    const csv = parseCsv(await (await download(tokens.auditor, { articleId, format: 'csv' })).text());
    const header = csv[0];
    const row = csv.find((r) => r[header.indexOf('type')] === 'MedicalReviewApproved')!;
    expect(row[header.indexOf('actor_id')]).toBe('maya');
    expect(row[header.indexOf('occurred_at')]).toBe(approval.occurredAt);
    expect(row[header.indexOf('reason')]).toBe(MEANING);
    expect(JSON.parse(row[header.indexOf('data')])).toEqual(approval.data);
  });

  it('given the running service’s store, when `npm run audit:export` writes the JSONL export to a file, then the file is the same as the download', async () => {
    const out = join(h.dir, 'export.jsonl');
    const run = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn('npm', ['run', 'audit:export', '--', '--article', articleId, '--format', 'jsonl', '--out', out], {
        cwd: join(__dirname, '..'),
        env: { ...process.env, SQLITE_PATH: h.config.eventStore.kind === 'sqlite' ? h.config.eventStore.path : '', LOG_LEVEL: 'error' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
    expect(run).toMatchObject({ code: 0 });
    const { text, rows } = await jsonl();
    const events = rows.filter((row) => row.record === 'event').length;
    expect(run.output).toContain(`wrote ${events} events`);
    expect(readFileSync(out, 'utf8')).toBe(text);
  });
});
