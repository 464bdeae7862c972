import { NextResponse, type NextRequest } from "next/server";
import { CSP_NONCE_HEADER, pageContentSecurityPolicy } from "@/lib/domain/security-headers";

/*
 * Headers only. DESIGN.md keeps every check out of Next's proxy (formerly
 * middleware) — a header can skip it — and this one decides nothing: it gives
 * each page request a fresh CSP nonce, which Next reads from the request's
 * Content-Security-Policy header and puts on its inline scripts. A request
 * that skips the proxy only loses its own protection.
 */

/** Where single-sign-on forms may post and redirect to, besides this origin. */
function ssoOrigins(): string[] {
  const origins: string[] = [];
  if (process.env.AUTH_GITHUB_ID) origins.push("https://github.com");
  const issuer = process.env.AUTH_OIDC_ISSUER;
  if (issuer && URL.canParse(issuer)) origins.push(new URL(issuer).origin);
  return origins;
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = pageContentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    formActionOrigins: ssoOrigins(),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set(CSP_NONCE_HEADER, nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API answers get their own fixed policy (next.config.js), static files need none.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
