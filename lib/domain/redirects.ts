/**
 * Only same-origin paths are followed after sign-in; anything else goes home.
 *
 * Checking prefixes is not enough: browsers drop tabs and newlines from URLs
 * and treat "\" as "/", so "/\t/evil.example" becomes "//evil.example", a
 * protocol-relative URL to another site. So the value must be clean before
 * and after percent-decoding, and must still be on our origin once resolved
 * the way a browser resolves it.
 */
const BASE = "http://sourcelight.invalid";
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;
const MAX_DECODE_ROUNDS = 3;
const MAX_LENGTH = 2048;

export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH) return "/";
  let decoded = value;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round++) {
    if (!isCleanPath(decoded)) return "/";
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return "/"; // a malformed escape is not a path we wrote
    }
    if (next === decoded) break;
    if (round === MAX_DECODE_ROUNDS) return "/"; // still encoded after this many rounds: refuse
    decoded = next;
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

function isCleanPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !CONTROL_OR_BACKSLASH.test(path);
}
