"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect } from "react";
import { DATABASE_UNAVAILABLE_DIGEST, RETRY_AFTER_SECONDS } from "@/lib/domain/errors";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const unavailable = error.digest === DATABASE_UNAVAILABLE_DIGEST;

  // The database coming back needs nothing from the reader: the page renders
  // itself again on the server until it loads. refresh() re-runs the server
  // render; reset() clears the boundary once that render is in.
  useEffect(() => {
    if (!unavailable) return;
    const timer = setInterval(() => {
      startTransition(() => {
        router.refresh();
        reset();
      });
    }, RETRY_AFTER_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [unavailable, router, reset]);

  if (unavailable) {
    return (
      <main className="mx-auto max-w-xl px-4 py-24 text-center" aria-live="polite">
        <h1 className="text-2xl font-semibold">The database is not answering</h1>
        <p className="mt-2 text-stone-600">
          Sourcelight cannot load this page until its database is back. Nothing you saved is lost.
          This page tries again every {RETRY_AFTER_SECONDS} seconds by itself.
        </p>
        <p className="mt-4 text-sm text-stone-500" role="status">
          Reconnecting…
        </p>
      </main>
    );
  }

  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-stone-600">
        The error has been logged. Try again, or reload the page.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md border border-stone-300 px-4 py-2 text-sm"
      >
        Try again
      </button>
    </main>
  );
}
