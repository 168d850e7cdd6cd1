import { createHash } from 'node:crypto';

/**
 * sha-256 hex of the UTF-8 text. A medical approval and a published snapshot bind this hash, so
 * anyone can later prove that the live text is byte for byte the text that was signed.
 */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
