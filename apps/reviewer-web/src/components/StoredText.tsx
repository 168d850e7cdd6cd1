/**
 * Text people typed or imported (claims, headings, citations, reasons, comments) is always
 * rendered by React as text, never parsed as HTML: markup in it shows as the characters it is.
 */

/** A link only for an http(s) URL; anything else (javascript:, data:, a typo) shows as text. */
export function ExternalLink({ url, children }: { url: string; children?: string }) {
  let safe = false;
  try {
    const parsed = new URL(url);
    safe = parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    safe = false;
  }
  if (!safe) return <span className="url">{children ?? url}</span>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="url">
      {children ?? url}
    </a>
  );
}

/** The id of a reference's entry on the page, which its citations link to. */
export function referenceAnchor(number: number): string {
  return `reference-${number}`;
}

export interface FlaggedPhrase {
  start: number;
  end: number;
  message: string;
}

/**
 * A claim's text with its wording flags marked (offsets from the API, UTF-16 code units) and its
 * citations as links to the references listed on the page.
 */
export function ClaimText({ text, flags = [], citations = [] }: { text: string; flags?: readonly FlaggedPhrase[]; citations?: readonly number[] }) {
  const parts: Array<{ text: string; flag: FlaggedPhrase | null }> = [];
  let at = 0;
  for (const flag of [...flags].sort((a, b) => a.start - b.start)) {
    const start = Math.max(flag.start, at);
    const end = Math.min(flag.end, text.length);
    if (end <= start) continue;
    if (start > at) parts.push({ text: text.slice(at, start), flag: null });
    parts.push({ text: text.slice(start, end), flag });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), flag: null });
  return (
    <p className="claim-text">
      {parts.map((part, index) =>
        part.flag ? (
          <mark key={index} title={part.flag.message}>
            {part.text}
            <span className="visually-hidden"> (flagged wording)</span>
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
      {citations.map((number) => (
        <a key={number} className="citation" href={`#${referenceAnchor(number)}`} aria-label={`reference ${number}`}>
          [{number}]
        </a>
      ))}
    </p>
  );
}
