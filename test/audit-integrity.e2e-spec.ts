import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { removeDir, startApp, type Harness } from './support/app-harness';
import { EVIDENCE, IMPORT, MEDICAL, SMALL_ARTICLE, VERIFY_INTEGRITY, type ClaimShape, type SectionShape } from './support/review-operations';

/**
 * Tamper evidence: the store file of a stopped service is edited directly with better-sqlite3 (an
 * event's data, an event's metadata, an event removed, two events swapped). verifyIntegrity and
 * `npm run verify` then name exactly the stream and revision where the chain breaks.
 */

jest.setTimeout(120_000);

interface IntegrityReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  firstBreak: { streamId: string; revision: number; reason: string } | null;
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = join(__dirname, '..');

/** `npm run verify [-- --article ID]` against a store file, as an operator would run it. */
function runVerify(storeFile: string, articleId?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const args = ['run', 'verify', ...(articleId ? ['--', '--article', articleId] : [])];
    const child = spawn('npm', args, {
      cwd: ROOT,
      env: { ...process.env, SQLITE_PATH: storeFile, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The report the CLI printed (npm's own banner lines around it are skipped). */
function printedReport(run: CliRun): IntegrityReport {
  const start = run.stdout.indexOf('{');
  const end = run.stdout.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error(`no report in the output:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(run.stdout.slice(start, end + 1)) as IntegrityReport;
}

describe('tamper evidence: verifyIntegrity and npm run verify', () => {
  const dirs: string[] = [];
  let original: string;
  let articleId: string;
  let otherArticleId: string;
  let claimStream: string;
  let intactReport: IntegrityReport;

  /** A copy of the stopped service's folder, with `edit` applied to its store file. */
  function tampered(edit: (db: Database.Database) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'review-tampered-'));
    dirs.push(dir);
    cpSync(original, dir, { recursive: true });
    const db = new Database(join(dir, 'review.db'));
    try {
      db.transaction(() => edit(db))();
    } finally {
      db.close();
    }
    return dir;
  }

  /** Starts the service on a (tampered) folder and asks it, over GraphQL, to verify everything and one article. */
  async function verifiedOverGraphQL(dir: string): Promise<{ all: IntegrityReport; article: IntegrityReport; other: IntegrityReport }> {
    const h = await startApp({}, dir);
    try {
      const token = await h.token('ada', ['AUDITOR']);
      const ask = async (variables: Record<string, unknown>) => {
        const res = await h.gql<{ verifyIntegrity: IntegrityReport }>(token, VERIFY_INTEGRITY, variables);
        expect(res.errors).toBeUndefined();
        return res.data!.verifyIntegrity;
      };
      return { all: await ask({}), article: await ask({ articleId }), other: await ask({ articleId: otherArticleId }) };
    } finally {
      await h.close();
    }
  }

  function jsonSet(db: Database.Database, column: 'data' | 'metadata', path: string, value: string, revision: number): void {
    const changed = db
      .prepare(`UPDATE events SET ${column} = json_set(${column}, ?, ?) WHERE stream_id = ? AND revision = ?`)
      .run(path, value, claimStream, revision);
    expect(changed.changes).toBe(1);
  }

  beforeAll(async () => {
    let h: Harness | null = await startApp();
    original = h.dir;
    dirs.push(original);
    try {
      const editor = await h.token('erin', ['EDITOR']);
      const imported = await h.gql<{ importArticle: { article: { id: string; sections: SectionShape[] } } }>(editor, IMPORT, {
        input: { title: 'Magnesium and sleep', text: SMALL_ARTICLE },
      });
      expect(imported.errors).toBeUndefined();
      articleId = imported.data!.importArticle.article.id;
      const claim = imported.data!.importArticle.article.sections.find((s) => s.heading === 'Sleep')!.claims[0];
      claimStream = `claim-${claim.id}`;
      const other = await h.gql<{ importArticle: { article: { id: string } } }>(await h.token('otto', ['EDITOR']), IMPORT, {
        input: { title: 'Zinc and colds', text: 'Zinc lozenges may shorten colds.' },
      });
      otherArticleId = other.data!.importArticle.article.id;
      const checked = await h.gql<{ recordEvidenceCheck: ClaimShape }>(await h.token('fred', ['FACT_CHECKER']), EVIDENCE, {
        input: {
          claimId: claim.id,
          expectedRevision: 0,
          verdict: 'PASS',
          evidence: [{ referenceNumber: 2, level: 'HUMAN_RCT', locator: 'Table 2' }],
          reason: 'the RCT supports the wording',
        },
      });
      expect(checked.errors).toBeUndefined();
      const approved = await h.gql(await h.token('maya', ['MEDICAL_REVIEWER']), MEDICAL, {
        input: { claimId: claim.id, expectedRevision: 1, decision: 'APPROVE', reason: 'accurate (signature)' },
      });
      expect(approved.errors).toBeUndefined();
      // claim: 0 ClaimDrafted, 1 EvidenceCheckPassed, 2 MedicalReviewApproved
      const res = await h.gql<{ verifyIntegrity: IntegrityReport }>(await h.token('ada', ['AUDITOR']), VERIFY_INTEGRITY, {});
      intactReport = res.data!.verifyIntegrity;
    } finally {
      await h.close();
      h = null;
    }
  });

  afterAll(() => {
    for (const dir of dirs) removeDir(dir);
  });

  it('given an untouched store, when it is verified, then every chain holds', () => {
    expect(intactReport.ok).toBe(true);
    expect(intactReport.firstBreak).toBeNull();
    expect(intactReport.eventsChecked).toBeGreaterThanOrEqual(8);
  });

  it('given an event whose data was edited in the file, when it is verified, then the break is at that stream and revision', async () => {
    const dir = tampered((db) => jsonSet(db, 'data', '$.meaning', 'never approved', 2));
    const { all, article, other } = await verifiedOverGraphQL(dir);
    for (const report of [all, article]) {
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toEqual({ streamId: claimStream, revision: 2, reason: expect.stringMatching(/changed/) });
    }
    // The other article's streams are intact.
    expect(other).toMatchObject({ ok: true, firstBreak: null });
  });

  it('given an event whose metadata was edited in the file, when it is verified, then the break is at that stream and revision', async () => {
    const dir = tampered((db) => jsonSet(db, 'metadata', '$.actor.id', 'mallory', 1));
    const { all, article } = await verifiedOverGraphQL(dir);
    for (const report of [all, article]) {
      expect(report.firstBreak).toEqual({ streamId: claimStream, revision: 1, reason: expect.stringMatching(/changed/) });
    }
  });

  it('given an event removed from the file, when it is verified, then the break is at the missing revision', async () => {
    const dir = tampered((db) => {
      expect(db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(claimStream).changes).toBe(1);
    });
    const { all, article } = await verifiedOverGraphQL(dir);
    for (const report of [all, article]) {
      expect(report.firstBreak).toEqual({ streamId: claimStream, revision: 1, reason: expect.stringMatching(/missing/) });
    }
  });

  it('given two events of a stream swapped in the file, when it is verified, then the break is at the first of them', async () => {
    const dir = tampered((db) => {
      const move = db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?');
      move.run(-1, claimStream, 1);
      move.run(1, claimStream, 2);
      move.run(2, claimStream, -1);
    });
    const { all, article } = await verifiedOverGraphQL(dir);
    for (const report of [all, article]) {
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toMatchObject({ streamId: claimStream, revision: 1 });
    }
  });

  it('given two edits, when everything or one article is verified, then the first break in commit order, or in that article, is reported', async () => {
    const dir = tampered((db) => {
      jsonSet(db, 'data', '$.meaning', 'never approved', 2);
      const changed = db
        .prepare("UPDATE events SET data = json_set(data, '$.title', 'Zinc cures colds') WHERE stream_id = ? AND revision = 0")
        .run(`article-${otherArticleId}`);
      expect(changed.changes).toBe(1);
    });
    const { all, article, other } = await verifiedOverGraphQL(dir);
    // The other article was imported before the approval was stored.
    expect(all.firstBreak).toMatchObject({ streamId: `article-${otherArticleId}`, revision: 0 });
    expect(article.firstBreak).toMatchObject({ streamId: claimStream, revision: 2 });
    expect(other.firstBreak).toMatchObject({ streamId: `article-${otherArticleId}`, revision: 0 });
  });

  it('given the same stores, when `npm run verify` runs on them, then it exits 0 when intact and 1 with the break named when tampered', async () => {
    const intact = await runVerify(join(tampered(() => undefined), 'review.db'));
    expect(intact.code).toBe(0);
    expect(printedReport(intact)).toMatchObject({ ok: true, firstBreak: null, eventsChecked: intactReport.eventsChecked });

    const file = join(
      tampered((db) => jsonSet(db, 'data', '$.meaning', 'never approved', 2)),
      'review.db',
    );
    const whole = await runVerify(file);
    expect(whole.code).toBe(1);
    expect(printedReport(whole).firstBreak).toEqual({ streamId: claimStream, revision: 2, reason: expect.stringMatching(/changed/) });
    expect(whole.stderr).toContain(`integrity break in ${claimStream} at revision 2`);

    const scoped = await runVerify(file, articleId);
    expect(scoped.code).toBe(1);
    expect(printedReport(scoped).firstBreak).toMatchObject({ streamId: claimStream, revision: 2 });

    const elsewhere = await runVerify(file, otherArticleId);
    expect(elsewhere.code).toBe(0);
    expect(printedReport(elsewhere).ok).toBe(true);
  });
});
