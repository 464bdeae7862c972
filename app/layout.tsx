import type { Metadata } from "next";
import { headers } from "next/headers";
import { CSP_NONCE_HEADER } from "@/lib/domain/security-headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Sourcelight", template: "%s · Sourcelight" },
  description: "Source-reliability annotation for news articles.",
};

// Set before any bundle runs: zod's JIT otherwise probes `new Function`, which
// the CSP refuses (harmlessly, but every page would report a violation).
const ZOD_WITHOUT_EVAL = "globalThis.__zod_globalConfig={jitless:true};";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, so Next can put
  // this request's CSP nonce (proxy.ts) on its scripts; a page prerendered at
  // build time would carry none and not hydrate.
  const nonce = (await headers()).get(CSP_NONCE_HEADER) ?? undefined;
  return (
    <html lang="en">
      <head>
        <script
          nonce={nonce}
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: ZOD_WITHOUT_EVAL }}
        />
      </head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
