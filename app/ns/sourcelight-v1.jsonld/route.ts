import { SOURCELIGHT_CONTEXT } from "@/lib/domain/export";

// The same document for everyone, at every request: built once, at build time.
export const dynamic = "force-static";

/**
 * GET /ns/sourcelight-v1.jsonld: Sourcelight's JSON-LD context, the terms the
 * W3C export adds to the Web Annotation model. Public, like any vocabulary:
 * JSON-LD processors fetch contexts from anywhere, so CORS allows every origin.
 */
export function GET() {
  return new Response(`${JSON.stringify(SOURCELIGHT_CONTEXT, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "public, max-age=86400",
    },
  });
}
