import { createHash } from 'node:crypto';

/**
 * A name-based uuid (version 5 layout over sha-1): the same parts always give the same id.
 * Ids derived from a command id make a retried command name the same events and entities, so
 * it appends nothing twice.
 */
export function nameBasedUuid(...parts: Array<string | number>): string {
  const bytes = createHash('sha1').update(parts.join('\u0000'), 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function eventIdFor(commandId: string, streamId: string, index: number): string {
  return nameBasedUuid('event', commandId, streamId, index);
}
