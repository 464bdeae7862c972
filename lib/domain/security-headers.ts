/*
 * The pages' Content-Security-Policy. It carries a fresh nonce per request
 * (proxy.ts), which Next puts on its own inline scripts, so no script runs
 * that the server did not send. The headers that never change (nosniff,
 * Referrer-Policy, Permissions-Policy, the API's policy) are in next.config.js.
 */

/** The request header proxy.ts passes the nonce in, for the few inline scripts of our own. */
export const CSP_NONCE_HEADER = "x-nonce";

/**
 * The pages' policy. Scripts: only those carrying this response's nonce, and
 * what they load ('strict-dynamic'); 'unsafe-eval' only in development, where
 * React needs it. Styles allow inline attributes (a few progress bars set a
 * width); they cannot run code. `formActionOrigins` are the single-sign-on
 * providers a sign-in form redirects to.
 */
export function pageContentSecurityPolicy({
  nonce,
  dev,
  formActionOrigins = [],
}: {
  nonce: string;
  dev: boolean;
  formActionOrigins?: readonly string[];
}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formActionOrigins].join(" "),
    "frame-ancestors 'none'",
  ].join("; ");
}
