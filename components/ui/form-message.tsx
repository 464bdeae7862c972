export function FormMessage({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      {message}
    </div>
  );
}

/** A compact failure message for a small inline form (a row's action), announced when it appears. */
export function InlineError({
  state,
}: {
  state: { ok: true } | { ok: false; message: string } | null;
}) {
  if (!state || state.ok) return null;
  return (
    <span role="alert" className="text-xs text-red-700">
      {state.message}
    </span>
  );
}
