"use client";

import { useActionState } from "react";
import { importRegistryAction } from "@/lib/actions/sources";

/** Import a registry CSV or JSON; a file with any bad row changes nothing, and every bad row is listed. */
export function ImportRegistry(props: { projectSlug: string }) {
  const [state, formAction, pending] = useActionState(
    importRegistryAction.bind(null, props.projectSlug),
    null,
  );
  const result = state?.ok ? state.data : null;
  return (
    <form action={formAction} className="space-y-2" aria-labelledby="import-heading">
      <h3 id="import-heading" className="font-semibold">
        Import a registry
      </h3>
      <p className="text-sm text-stone-600">
        CSV or JSON with the columns name, aliases (separated by |), type, affiliation, side,
        description, grade, rationale. Rows whose name or alias is already in the registry update
        it; a grade with its rationale settles the source&apos;s grade. If any row is wrong, nothing
        is imported.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="text-sm">
          Registry file
          <input
            type="file"
            name="file"
            accept=".csv,.json,text/csv,application/json"
            required
            className="ml-2 text-sm"
          />
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-stone-900 px-3 py-1 text-sm text-white hover:bg-stone-700 disabled:bg-stone-400"
        >
          {pending ? "Importing…" : "Import"}
        </button>
      </div>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      {result && result.errors.length === 0 ? (
        <p role="status" className="text-sm text-stone-700">
          Imported: {result.created} created, {result.updated} updated.
        </p>
      ) : null}
      {result && result.errors.length > 0 ? (
        <div role="alert" className="text-sm text-red-800">
          <p>
            Nothing was imported: {result.errors.length}{" "}
            {result.errors.length === 1 ? "row needs" : "rows need"} fixing.
          </p>
          <ul className="mt-1 list-disc pl-5">
            {result.errors.map((e) => (
              <li key={`${e.row}:${e.message}`}>
                {e.row > 0 ? `Row ${e.row}: ` : ""}
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
