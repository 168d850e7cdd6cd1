import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { describeError } from './errors';

const refused = (code: string, extensions: Record<string, unknown> = {}) =>
  new CombinedGraphQLErrors({ errors: [{ message: 'server words', extensions: { code, ...extensions } }] });

const CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'SEPARATION_OF_DUTIES',
  'RATE_LIMITED',
  'COMMAND_ID_REUSED',
  'QUERY_TOO_COMPLEX',
  'SERVICE_UNAVAILABLE',
  'READ_MODELS_BEHIND',
  'INTERNAL_SERVER_ERROR',
];

describe('describeError', () => {
  it.each(CODES)('says %s as a sentence, never as the code', (code) => {
    const sentence = describeError(refused(code), { subject: 'claim' });
    expect(sentence).not.toContain(code);
    expect(sentence).not.toContain('server words');
    expect(sentence).toMatch(/^[A-Z].*\.$/);
  });

  it('tells a conflict as a change by someone else', () => {
    expect(describeError(refused('CONFLICT', { actualRevision: 3 }), { subject: 'section' })).toBe(
      'Someone else changed this section while you were working on it. The page now shows their version: check it, then try again.',
    );
  });

  it('names the state and what can be done now for an invalid transition', () => {
    expect(describeError(refused('INVALID_TRANSITION', { state: 'EVIDENCE_CHECKED', allowed: ['recordMedicalReview', 'proposeClaimRevision'] }), { subject: 'claim' })).toBe(
      'This claim is evidence checked, so this step cannot be taken now. What can be done now: record a medical review or propose a revision.',
    );
  });

  it('uses the four-eyes sentence the form gives', () => {
    const rule = 'You wrote the current text of this claim, so another fact checker must pass its evidence check.';
    expect(describeError(refused('SEPARATION_OF_DUTIES'), { separationOfDuties: rule })).toBe(rule);
  });

  it('says how long to wait when rate limited', () => {
    expect(describeError(refused('RATE_LIMITED', { retryAfterSeconds: 12 }))).toContain('Wait 12 seconds');
  });

  it('says which field was refused', () => {
    expect(describeError(refused('BAD_USER_INPUT', { field: 'reason' }))).toBe('Give a reason (at most 2,000 characters).');
  });

  it('tells an unreachable server and a failing one apart', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toBe('The review service cannot be reached. Check your connection and try again.');
    const failing = new ServerError('bad gateway', { response: new Response('', { status: 502 }), bodyText: '' });
    expect(describeError(failing)).toBe('The service had a problem answering. Try again in a moment.');
  });
});
