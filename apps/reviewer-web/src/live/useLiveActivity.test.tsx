import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { act, renderHook } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReviewActivitySubscription } from './operations';
import { RESUBSCRIBE_AFTER_MS, useLiveActivity } from './useLiveActivity';

const stored = (position: string) => ({
  __typename: 'AuditEvent',
  position,
  streamId: 'claim-c1',
  revision: 4,
  type: 'EvidenceChecked',
  occurredAt: '2026-12-02T10:00:00.000Z',
  reason: null,
  actor: { __typename: 'Actor', id: 'fred', roles: ['FACT_CHECKER'] },
});
const request = { query: ReviewActivitySubscription, variables: { articleId: 'a1' } };
const refused = (code: string) => ({ request, result: { errors: [new GraphQLError('refused', { extensions: { code } })] } });

function renderFeed(mocks: MockLink.MockedResponse[]) {
  const wrapper = ({ children }: { children: ReactNode }) => <MockedProvider mocks={mocks}>{children}</MockedProvider>;
  const onEvent = vi.fn();
  const onMissed = vi.fn();
  renderHook(() => useLiveActivity('a1', onEvent, onMissed), { wrapper });
  return { onEvent, onMissed };
}
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('useLiveActivity', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it('subscribes again after the API cut the feed off, and says events were missed', async () => {
    const { onEvent, onMissed } = renderFeed([
      // The first subscription: the API cuts the subscriber off for falling behind.
      { request, result: { errors: [new GraphQLError('too slow', { extensions: { code: 'SUBSCRIBER_TOO_SLOW', lastPosition: '41' } })] } },
      // The second: live again.
      { request, result: { data: { reviewActivity: stored('57') } } },
    ]);

    await wait(50);
    expect(onMissed).not.toHaveBeenCalled();
    expect(onEvent).not.toHaveBeenCalled();

    await wait(RESUBSCRIBE_AFTER_MS);
    expect(onMissed).toHaveBeenCalledTimes(1);
    await wait(50);
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ position: '57', type: 'EvidenceChecked' }));
  });

  it('waits twice as long after each refusal in a row', async () => {
    const { onEvent, onMissed } = renderFeed([refused('RATE_LIMITED'), refused('RATE_LIMITED'), { request, result: { data: { reviewActivity: stored('58') } } }]);

    await wait(RESUBSCRIBE_AFTER_MS + 50);
    expect(onMissed).toHaveBeenCalledTimes(1);
    // Refused again: the next try comes after twice the wait, not after the first wait again.
    await wait(RESUBSCRIBE_AFTER_MS * 1.5);
    expect(onMissed).toHaveBeenCalledTimes(1);
    await wait(RESUBSCRIBE_AFTER_MS);
    expect(onMissed).toHaveBeenCalledTimes(2);
    await wait(50);
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ position: '58' }));
  });
});
