"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { LABEL_INFO, LABELS } from "@/lib/domain/annotation/labels";
import { SKIP, describePerson } from "@/lib/domain/interop/mapping";

const personSchema = z.object({
  key: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  externalId: z.string().nullable(),
  annotations: z.number(),
});
const previewSchema = z.object({
  fileName: z.string(),
  formatName: z.string(),
  tasks: z.number(),
  annotations: z.number(),
  labels: z.array(
    z.object({
      name: z.string(),
      choices: z.number(),
      spans: z.number(),
      proposed: z.enum(LABELS).nullable(),
    }),
  ),
  annotators: z.array(personSchema),
  notImported: z.array(z.string()),
  members: z.array(z.object({ userId: z.string(), email: z.string(), name: z.string() })),
  proposedMembers: z.record(z.string(), z.string().nullable()),
  rule: z.string(),
});
type Preview = z.infer<typeof previewSchema>;
const resultSchema = z.object({
  created: z.array(z.object({ id: z.string(), title: z.string(), sentenceCount: z.number() })),
  matchedExisting: z.number(),
  annotations: z.number(),
  keptExisting: z.number(),
  skippedAnnotations: z.number(),
  conflicts: z.number(),
  unplacedSpans: z.number(),
});
type Result = z.infer<typeof resultSchema>;
const errorSchema = z.object({
  error: z.object({
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

async function post(url: string, form: FormData): Promise<{ ok: boolean; body: unknown }> {
  try {
    const response = await fetch(url, { method: "POST", body: form });
    return { ok: response.ok, body: await response.json().catch(() => null) };
  } catch {
    return { ok: false, body: null };
  }
}

function messageOf(body: unknown): string {
  const parsed = errorSchema.safeParse(body);
  if (!parsed.success) return "Something went wrong; check the connection and try again.";
  const { message, fieldErrors } = parsed.data.error;
  // Validation of the mapping names its problems per field; the file's are in the message already.
  const extra = Object.values(fieldErrors ?? {})
    .flat()
    .filter((d) => !message.includes(d));
  return [message, ...extra].join(" ");
}

/**
 * Two steps: the owner picks a Label Studio or doccano export and sees its
 * labels and annotators with a proposed mapping; then confirms (or changes)
 * the mapping and imports. Nothing is written before the second step.
 */
export function ForeignImport({ projectSlug }: { projectSlug: string }) {
  const router = useRouter();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [annotators, setAnnotators] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const url = `/api/projects/${encodeURIComponent(projectSlug)}/import/foreign`;

  async function choose(chosen: File | null) {
    setFile(chosen);
    setPreview(null);
    setResult(null);
    setError(null);
    if (!chosen) return;
    setBusy(true);
    const form = new FormData();
    form.append("file", chosen);
    const { ok, body } = await post(url, form);
    setBusy(false);
    const parsed = previewSchema.safeParse(body);
    if (!ok || !parsed.success) {
      setError(messageOf(body));
      return;
    }
    setPreview(parsed.data);
    setLabels(Object.fromEntries(parsed.data.labels.map((l) => [l.name, l.proposed ?? ""])));
    setAnnotators(
      Object.fromEntries(
        parsed.data.annotators.map((a) => [a.key, parsed.data.proposedMembers[a.key] ?? ""]),
      ),
    );
  }

  const undecided =
    Object.values(labels).filter((v) => v === "").length +
    Object.values(annotators).filter((v) => v === "").length;

  async function apply() {
    if (!file || !preview) return;
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append("file", file);
    form.append("mapping", JSON.stringify({ labels, annotators }));
    const { ok, body } = await post(url, form);
    setBusy(false);
    const parsed = resultSchema.safeParse(body);
    if (!ok || !parsed.success) {
      setError(messageOf(body));
      return;
    }
    setResult(parsed.data);
    setPreview(null);
    router.refresh();
  }

  const select =
    "rounded-md border border-stone-300 bg-white px-2 py-1 text-sm focus:ring-2 focus:ring-sky-600 focus:outline-none";
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <label
          htmlFor={inputId}
          className="cursor-pointer rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-900 focus-within:ring-2 focus-within:ring-sky-600 hover:bg-stone-100"
        >
          Choose an export
          <input
            id={inputId}
            type="file"
            accept=".json,.jsonl"
            className="sr-only"
            onChange={(e) => {
              void choose(e.target.files?.[0] ?? null);
              e.target.value = "";
            }}
          />
        </label>
        {file ? <span className="text-sm break-all text-stone-700">{file.name}</span> : null}
        {busy ? (
          <span role="status" className="text-sm text-stone-600">
            Reading…
          </span>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="max-w-3xl text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {preview ? (
        <form
          aria-label="Mapping"
          className="max-w-3xl space-y-5"
          onSubmit={(e) => {
            e.preventDefault();
            void apply();
          }}
        >
          <p className="text-sm text-stone-700">
            {preview.formatName}: {preview.tasks} texts, {preview.annotations} annotations.
            {preview.notImported.length > 0
              ? ` Not imported: ${preview.notImported.join("; ")}.`
              : null}
          </p>
          <fieldset className="space-y-2">
            <legend className="mb-1 font-medium">Their labels → ours</legend>
            <table className="text-sm">
              <thead>
                <tr className="text-left text-stone-600">
                  <th className="pr-6 font-normal">Label</th>
                  <th className="pr-6 font-normal">Used</th>
                  <th className="font-normal">Becomes</th>
                </tr>
              </thead>
              <tbody>
                {preview.labels.map((l) => (
                  <tr key={l.name}>
                    <td className="pr-6">{l.name}</td>
                    <td className="pr-6 text-stone-600">
                      {[
                        l.choices ? `${l.choices} on whole texts` : "",
                        l.spans ? `${l.spans} spans` : "",
                      ]
                        .filter(Boolean)
                        .join(", ")}
                    </td>
                    <td className="py-1">
                      <select
                        aria-label={`Sourcelight label for “${l.name}”`}
                        className={select}
                        value={labels[l.name] ?? ""}
                        onChange={(e) => setLabels({ ...labels, [l.name]: e.target.value })}
                      >
                        <option value="">Choose…</option>
                        {LABELS.map((ours) => (
                          <option key={ours} value={ours}>
                            {LABEL_INFO[ours].name}
                          </option>
                        ))}
                        <option value={SKIP}>Leave out</option>
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="mb-1 font-medium">Their annotators → project members</legend>
            <table className="text-sm">
              <tbody>
                {preview.annotators.map((a) => (
                  <tr key={a.key}>
                    <td className="pr-6">
                      {describePerson(a)}{" "}
                      <span className="text-stone-600">({a.annotations} annotations)</span>
                    </td>
                    <td className="py-1">
                      <select
                        aria-label={`Member for annotator ${describePerson(a)}`}
                        className={select}
                        value={annotators[a.key] ?? ""}
                        onChange={(e) => setAnnotators({ ...annotators, [a.key]: e.target.value })}
                      >
                        <option value="">Choose…</option>
                        {preview.members.map((m) => (
                          <option key={m.userId} value={m.userId}>
                            {m.name} &lt;{m.email}&gt;
                          </option>
                        ))}
                        <option value={SKIP}>Leave their work out</option>
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="text-xs text-stone-600">
              Annotators are proposed by email (doccano: by the username its files are named after).
              Someone who is not a member yet must be added to the project first.
            </p>
          </fieldset>
          <p className="text-xs text-stone-600">{preview.rule}</p>
          <Button type="submit" disabled={busy || undecided > 0}>
            {undecided > 0 ? `Decide ${undecided} more to import` : "Import with this mapping"}
          </Button>
        </form>
      ) : null}
      {result ? (
        <div role="status" className="max-w-3xl space-y-1 text-sm text-stone-800">
          <p>
            Imported {result.created.length} new documents
            {result.matchedExisting
              ? ` (and ${result.matchedExisting} texts already here)`
              : ""}{" "}
            with {result.annotations} sentence labels.
            {result.keptExisting
              ? ` ${result.keptExisting} sentences already labelled by the same member kept their label.`
              : ""}
            {result.skippedAnnotations ? ` ${result.skippedAnnotations} annotations left out.` : ""}
            {result.conflicts ? ` ${result.conflicts} conflicting labels settled by the rule.` : ""}
            {result.unplacedSpans ? ` ${result.unplacedSpans} spans fell on no sentence.` : ""}
          </p>
          {result.created.length > 0 && result.created.length <= 5 ? (
            <ul>
              {result.created.map((d) => (
                <li key={d.id}>
                  <Link
                    href={`/projects/${projectSlug}/documents/${d.id}`}
                    className="text-sky-800 hover:underline"
                  >
                    {d.title}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
