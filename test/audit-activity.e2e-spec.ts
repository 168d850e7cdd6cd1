import type { EventStore } from '@app/event-store';
import { ActivityFeed } from '../apps/api/src/audit/activity-feed';
import { articleStreams } from '../apps/api/src/audit/article-streams';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, type GraphQLResponse, type Harness } from './support/app-harness';
import { eventually } from './support/eventually';
import {
  CLAIM,
  EVIDENCE,
  HISTORY_PAGE,
  IMPORT,
  REVIEW_ACTIVITY,
  SMALL_ARTICLE,
  type AuditEventShape,
  type SectionShape,
} from './support/review-operations';
import { connectWs, type WsClient } from './support/ws-client';

/**
 * reviewActivity over graphql-ws: events are pushed once stored (and applied, so a query made on
 * receipt sees them), to clients authenticated through connectionParams.authorization; the
 * articleId filter holds; an unauthenticated connection is refused and gets nothing.
 */


const pick = (data: Record<string, unknown>) => data.reviewActivity as AuditEventShape;
const key = (e: { streamId: string; revision: number }) => `${e.streamId}@${e.revision}`;

describe('reviewActivity over graphql-ws', () => {
  let h: Harness;
  let store: EventStore;
  let feed: ActivityFeed;
  const tokens: Record<string, string> = {};
  const clients: WsClient[] = [];

  function connect(authorization: string | null): WsClient {
    const client = connectWs(h.url, authorization);
    clients.push(client);
    return client;
  }

  async function ok<T>(pending: Promise<GraphQLResponse<T>>): Promise<T> {
    const res = await pending;
    expect(res.errors).toBeUndefined();
    return res.data as T;
  }

  type Imported = { importArticle: { article: { id: string; sections: SectionShape[] } } };
  async function importArticle(token: string, title: string, text: string) {
    return (await ok(h.gql<Imported>(token, IMPORT, { input: { title, text } }))).importArticle.article;
  }

  /** The server has registered this many live subscribers: nothing stored from now on is missed. */
  async function subscribersAre(count: number): Promise<void> {
    await eventually(async () => expect(feed.subscriberCount).toBe(count));
  }

  beforeAll(async () => {
    h = await startApp();
    store = h.app.get(EVENT_STORE);
    feed = h.app.get(ActivityFeed);
    Object.assign(tokens, await h.roleTokens());
    tokens.otherEditor = await h.token('otto', ['EDITOR']);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await subscribersAre(0);
  });

  afterAll(async () => {
    await h?.close();
    if (h) removeDir(h.dir);
  });

  it('given an auditor subscribed to all activity, when an editor on another client imports an article, then every stored event of it is pushed once, in commit order', async () => {
    const auditor = connect(`Bearer ${tokens.auditor}`);
    await auditor.connected;
    const live = auditor.subscribe(REVIEW_ACTIVITY, {}, pick);
    await subscribersAre(1);

    const article = await importArticle(tokens.editor, 'Magnesium and sleep', SMALL_ARTICLE);
    const streams = new Set(await articleStreams(store, article.id));
    const stored = (await store.readAll({ maxCount: 10_000 })).filter((e) => streams.has(e.streamId));
    expect(stored.length).toBeGreaterThanOrEqual(5);

    const pushed = await live.waitForItems(stored.length);
    expect(pushed.map(key)).toEqual(stored.map(key));
    expect(pushed.map((e) => e.position)).toEqual(stored.map((e) => String(e.position)));
    expect(pushed.map((e) => e.hash)).toEqual(stored.map((e) => e.metadata.hash));
    pushed.forEach((e, i) => {
      expect(e.actor).toEqual({ id: 'erin', roles: ['EDITOR'] });
      expect(e.data).toEqual(stored[i].data);
      expect(e.occurredAt).toBe(new Date(stored[i].metadata.occurredAt as number).toISOString());
    });
    // Nothing more than those, and nothing twice.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(live.received.items).toHaveLength(stored.length);
  });

  it('given a subscriber, when a fact checker on another client records a check, then the event arrives once the read models hold it', async () => {
    const article = await importArticle(tokens.editor, 'Magnesium, again', SMALL_ARTICLE);
    const claim = article.sections.find((s) => s.heading === 'Sleep')!.claims[1];

    const auditor = connect(`Bearer ${tokens.auditor}`);
    const live = auditor.subscribe(REVIEW_ACTIVITY, { articleId: article.id }, pick);
    await subscribersAre(1);

    // Query the claim the moment the event arrives: it must already show the check.
    const seenOnArrival = new Promise<{ event: AuditEventShape; claimState: string; history: string[] }>((resolve, reject) => {
      void live
        .waitForItems(1)
        .then(async ([event]) => {
          const res = await h.gql<{ claim: { state: string } }>(tokens.auditor, CLAIM, { id: claim.id });
          const page = await h.gql<{ history: { edges: Array<{ node: { hash: string } }> } }>(tokens.auditor, HISTORY_PAGE(50), {
            streamId: event.streamId,
          });
          resolve({ event, claimState: res.data!.claim.state, history: page.data!.history.edges.map((e) => e.node.hash) });
        })
        .catch(reject);
    });
    await ok(
      h.gql(tokens.checker, EVIDENCE, {
        input: { claimId: claim.id, expectedRevision: 0, verdict: 'PASS', noCitationNeeded: true, reason: 'general statement' },
      }),
    );
    const { event, claimState, history } = await seenOnArrival;
    expect(event).toMatchObject({
      streamId: `claim-${claim.id}`,
      revision: 1,
      type: 'EvidenceCheckPassed',
      actor: { id: 'fred', roles: ['FACT_CHECKER'] },
      reason: 'general statement',
      causationId: null,
    });
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(event.previousHash).toBe(history[0]);
    expect(history).toContain(event.hash);
    expect(claimState).toBe('EVIDENCE_CHECKED');
  });

  it('given one subscription filtered to an article and one unfiltered, when two articles change, then the filtered one gets only its article’s events', async () => {
    const watched = await importArticle(tokens.editor, 'Watched article', SMALL_ARTICLE);
    const claim = watched.sections.find((s) => s.heading === 'Sleep')!.claims[1];

    const client = connect(`Bearer ${tokens.auditor}`);
    const filtered = client.subscribe(REVIEW_ACTIVITY, { articleId: watched.id }, pick);
    const everything = client.subscribe(REVIEW_ACTIVITY, {}, pick);
    await subscribersAre(2);

    const other = await importArticle(tokens.otherEditor, 'Zinc and colds', 'Zinc lozenges may shorten colds.');
    await ok(
      h.gql(tokens.checker, EVIDENCE, {
        input: { claimId: claim.id, expectedRevision: 0, verdict: 'PASS', noCitationNeeded: true, reason: 'general statement' },
      }),
    );
    const otherStreams = new Set(await articleStreams(store, other.id));
    const otherEvents = (await store.readAll({ maxCount: 10_000 })).filter((e) => otherStreams.has(e.streamId));
    const all = await everything.waitForItems(otherEvents.length + 1);
    expect(all.slice(0, -1).map(key)).toEqual(otherEvents.map(key));
    expect(all.slice(0, -1).every((e) => otherStreams.has(e.streamId))).toBe(true);
    expect(all[all.length - 1].streamId).toBe(`claim-${claim.id}`);

    const mine = await filtered.waitForItems(1);
    expect(mine.map(key)).toEqual([`claim-${claim.id}@1`]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(filtered.received.items.map(key)).toEqual([`claim-${claim.id}@1`]);
  });

  it('given a connection without authorization, with a malformed token or without the Bearer scheme, when it subscribes, then it is refused and receives nothing', async () => {
    const refused = [connect(null), connect('Bearer not-a-jwt'), connect(tokens.auditor)];
    const lives = refused.map((client) => client.subscribe(REVIEW_ACTIVITY, {}, pick));
    const endings = await Promise.all(lives.map((live) => live.waitForEnd()));
    for (const ending of endings) expect(ending).toMatchObject({ code: 4403 });
    for (const client of refused) await expect(client.connected).rejects.toMatchObject({ code: 4403 });
    expect(feed.subscriberCount).toBe(0);

    await importArticle(tokens.editor, 'Nobody may see this live', SMALL_ARTICLE);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const live of lives) expect(live.received.items).toEqual([]);
  });

  it('given an articleId that is not an id, when subscribing, then the subscription ends with an error naming it and nothing is registered', async () => {
    const client = connect(`Bearer ${tokens.auditor}`);
    const live = client.subscribe(REVIEW_ACTIVITY, { articleId: 'not an id!' }, pick);
    const ending = await live.waitForEnd();
    expect(ending).toEqual([expect.objectContaining({ message: expect.stringMatching(/articleId/), path: ['reviewActivity'] })]);
    expect(feed.subscriberCount).toBe(0);
  });

  it('given a subscriber, when its client unsubscribes or disconnects, then the server lets go of it', async () => {
    const client = connect(`Bearer ${tokens.auditor}`);
    const first = client.subscribe(REVIEW_ACTIVITY, {}, pick);
    client.subscribe(REVIEW_ACTIVITY, {}, pick);
    await subscribersAre(2);
    first.unsubscribe();
    await subscribersAre(1);
    await client.close();
    await subscribersAre(0);
  });
});
