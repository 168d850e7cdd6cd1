/**
 * The half-open range [prefix, upper) holding exactly the strings that start with `prefix`, so a
 * prefix filter can use the (stream_id, revision) index. SQLite compares TEXT bytewise in UTF-8,
 * as PostgreSQL does a COLLATE "C" column, which orders by code point, so `upper` is the prefix
 * with its last code point incremented
 * (dropping trailing U+10FFFF, which cannot be incremented). `upper` is null when no bound exists.
 */
export function prefixRange(prefix: string): { lower: string; upper: string | null } {
  const codePoints = Array.from(prefix, (char) => char.codePointAt(0) as number);
  while (codePoints.length > 0) {
    const last = codePoints.pop() as number;
    if (last < 0x10ffff) {
      // Surrogate code points never occur in valid UTF-8; the next real one is U+E000.
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return { lower: prefix, upper: String.fromCodePoint(...codePoints, next) };
    }
  }
  return { lower: prefix, upper: null };
}
