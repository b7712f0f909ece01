/**
 * URL decoding that never throws: text with a malformed escape (`%E0%A4%A`)
 * comes back as it was, so a bad link is reported by what checks it, not by
 * a URIError.
 */

/** `decodeURIComponent`, or the text unchanged when it is not valid percent-encoding. */
export function safeDecodeURIComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `decodeURI` (reserved characters such as `%2F` stay encoded), or the text unchanged. */
export function safeDecodeURI(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}
