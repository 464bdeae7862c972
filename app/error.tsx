"use client";

export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
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
