"use client";

import { useActionState } from "react";

type Result =
  | { ok: true; data: undefined }
  | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/**
 * One button that posts hidden fields to a server action and shows the
 * action's message (e.g. "the last administrator cannot be demoted") beside it.
 */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  variant = "secondary",
}: {
  action: (prev: Result | null, formData: FormData) => Promise<Result>;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: "secondary" | "danger";
}) {
  const [state, run, pending] = useActionState(action, null);
  const style =
    variant === "danger"
      ? "border-red-300 text-red-800 hover:bg-red-50"
      : "border-stone-300 text-stone-800 hover:bg-stone-100";
  return (
    <form action={run} className="inline-flex flex-col items-start gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md border px-2.5 py-1 text-xs font-medium disabled:opacity-50 ${style}`}
      >
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="max-w-xs text-xs text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
