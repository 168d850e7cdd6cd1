import {
  AccessDeniedError,
  InvalidTransactionError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  UnavailableError,
  UnknownError,
  UnsupportedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { InvalidAppend, StoreUnavailable } from '../src';
import { isTransient, toAppendError, toStoreError } from '../src/eventstoredb/eventstoredb-errors';

/**
 * The port's errors made of the client's own error classes (constructed as the client constructs
 * them from a server's answer): which failures are the append's fault, which mean the store
 * cannot be used, and which a subscription waits out.
 */
describe('EventStoreDB errors in the port’s terms', () => {
  it('makes an append larger than the server’s maximum an InvalidAppend that names the setting', () => {
    const error = toAppendError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), 'article-1');

    expect(error).toBeInstanceOf(InvalidAppend);
    expect((error as InvalidAppend).message).toMatch(/1048576 bytes.*EVENTSTORE_MAX_APPEND_SIZE/);
  });

  it('makes an append to a deleted stream, or one the server refuses as malformed, an InvalidAppend', () => {
    expect(toAppendError(StreamDeletedError.fromStreamName('claim-1'), 'claim-1')).toBeInstanceOf(InvalidAppend);
    expect(toAppendError(new InvalidTransactionError(), 'claim-1')).toBeInstanceOf(InvalidAppend);
  });

  it('makes refused credentials StoreUnavailable, for appends and every other call, saying what is needed', () => {
    const denied = new AccessDeniedError();

    expect(toAppendError(denied, 'claim-1')).toBeInstanceOf(StoreUnavailable);
    const error = toStoreError(denied);
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as StoreUnavailable).message).toMatch(/credentials.*\$all/);
    expect(toStoreError(new UnsupportedError('batchAppend', '21.10'))).toBeInstanceOf(StoreUnavailable);
  });

  it('makes an unreachable server StoreUnavailable', () => {
    expect(toStoreError(new UnavailableError())).toBeInstanceOf(StoreUnavailable);
    expect(toAppendError(new UnavailableError(), 'claim-1')).toBeInstanceOf(StoreUnavailable);
  });

  it('leaves a conflict and unknown failures as they are, for the adapter to decide', () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 'claim-1', expected: 1n, current: 2n });
    const unknown = new UnknownError();

    expect(toAppendError(conflict, 'claim-1')).toBe(conflict);
    expect(toStoreError(unknown)).toBe(unknown);
  });

  it('lets a subscription wait out an unreachable server but not refused credentials', () => {
    expect(isTransient(new UnavailableError())).toBe(true);
    expect(isTransient(toStoreError(new UnavailableError()))).toBe(true);
    expect(isTransient(new AccessDeniedError())).toBe(false);
    expect(isTransient(toStoreError(new AccessDeniedError()))).toBe(false);
  });
});
