"use client";

import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { estimateExportAction } from "@/lib/actions/export";

type Format = "jsonl" | "csv" | "w3c" | "parquet" | "label-studio";

const FORMATS: Array<{ value: Format; label: string; hint: string }> = [
  {
    value: "jsonl",
    label: "JSONL",
    hint: "One line per sentence with every annotation; re-importable.",
  },
  { value: "csv", label: "CSV", hint: "One row per annotation, for spreadsheets." },
  {
    value: "w3c",
    label: "W3C Web Annotation",
    hint: "JSON-LD with text quote and position selectors.",
  },
  {
    value: "parquet",
    label: "Parquet",
    hint: "One row per sentence with the gold or majority label, for pandas and Hugging Face.",
  },
  {
    value: "label-studio",
    label: "Label Studio tasks",
    hint: "One task per document with gold and annotators' labels as predictions, to hand back to Label Studio.",
  },
];

interface Estimate {
  documents: number;
  sentences: number;
  annotations: number;
  bytes: number;
  /** The format's name, as the estimate was made for it. */
  format?: string;
}

// Above this the browser saves the stream to disk itself (with its own progress):
// collecting it here for a progress bar would hold the whole file in memory.
const IN_PAGE_DOWNLOAD_LIMIT = 50 * 1024 * 1024;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function ExportForm({
  projectSlug,
  documents,
}: {
  projectSlug: string;
  documents: Array<{ id: string; title: string }>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ received: number; done: boolean } | null>(null);
  const [split, setSplit] = useState("none");
  const [card, setCard] = useState(false);
  const [direct, setDirect] = useState(false);
  const [estimating, startEstimate] = useTransition();
  // Each estimate request's number: an answer to an older request (the form changed since) is dropped.
  const estimateRun = useRef(0);
  const abortRef = useRef<AbortController | null>(null);

  function query(): URLSearchParams {
    const params = new URLSearchParams();
    const form = formRef.current;
    if (!form) return params;
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string" && value !== "") params.append(key, value);
    }
    return params;
  }

  function options(): Record<string, unknown> {
    const params = query();
    const out: Record<string, unknown> = {};
    for (const [key, value] of params) if (key !== "document") out[key] = value;
    const docs = params.getAll("document");
    if (docs.length > 0) out.documents = docs;
    return out;
  }

  function refreshEstimate() {
    const run = ++estimateRun.current;
    const wanted = options();
    startEstimate(async () => {
      const result = await estimateExportAction(projectSlug, wanted);
      if (run !== estimateRun.current) return;
      if (result.ok) {
        setEstimate({
          ...result.data,
          format: FORMATS.find((f) => f.value === wanted.format)?.label,
        });
        setMessage(null);
      } else {
        setEstimate(null);
        setMessage(result.message);
      }
    });
  }

  async function download() {
    setMessage(null);
    const url = `/api/projects/${encodeURIComponent(projectSlug)}/export?${query().toString()}`;
    let size = estimate?.bytes;
    if (size === undefined) {
      const result = await estimateExportAction(projectSlug, options());
      if (!result.ok) {
        setMessage(result.message);
        return;
      }
      setEstimate({
        ...result.data,
        format: FORMATS.find((f) => f.value === options().format)?.label,
      });
      size = result.data.bytes;
    }
    if (size > IN_PAGE_DOWNLOAD_LIMIT) {
      const link = document.createElement("a");
      link.href = url;
      link.click();
      setMessage(null);
      setProgress(null);
      setDirect(true);
      return;
    }
    setDirect(false);
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress({ received: 0, done: false });
    try {
      const response = await fetch(url, { signal: controller.signal });
      if (!response.ok || !response.body) {
        const body: unknown = await response.json().catch(() => null);
        const text =
          body &&
          typeof body === "object" &&
          "error" in body &&
          body.error &&
          typeof body.error === "object" &&
          "message" in body.error
            ? String(body.error.message)
            : "The export failed.";
        setMessage(text);
        setProgress(null);
        return;
      }
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ??
        "export";
      const reader = response.body.getReader();
      const parts: BlobPart[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        received += value.length;
        setProgress({ received, done: false });
      }
      const objectUrl = URL.createObjectURL(
        new Blob(parts, {
          type: response.headers.get("content-type") ?? "application/octet-stream",
        }),
      );
      const link = document.createElement("a");
      link.href = objectUrl;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
      setProgress({ received, done: true });
    } catch (error) {
      setProgress(null);
      setMessage(
        error instanceof DOMException && error.name === "AbortError"
          ? "Download cancelled."
          : "The download was interrupted. Please try again.",
      );
    } finally {
      abortRef.current = null;
    }
  }

  const fieldset = "space-y-2 rounded-lg border border-stone-200 bg-white p-4";
  const legend = "px-1 text-sm font-semibold text-stone-800";
  const running = progress !== null && !progress.done;
  const percent =
    progress && estimate && estimate.bytes > 0
      ? Math.min(99, Math.round((progress.received / estimate.bytes) * 100))
      : null;

  return (
    <form
      ref={formRef}
      className="mt-6 grid max-w-3xl gap-4"
      onChange={() => {
        // A shown estimate follows the form (another format is another size); none is fetched unasked.
        if (estimate) refreshEstimate();
        else estimateRun.current++;
      }}
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset className={fieldset}>
        <legend className={legend}>Format</legend>
        {FORMATS.map((f, i) => (
          <label key={f.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="format"
              value={f.value}
              defaultChecked={i === 0}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{f.label}</span>{" "}
              <span className="text-stone-500">— {f.hint}</span>
            </span>
          </label>
        ))}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="bom" value="true" /> CSV: add a byte order mark for Excel
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="card"
            value="true"
            checked={card || split === "files"}
            disabled={split === "files"}
            onChange={(e) => setCard(e.target.checked)}
          />{" "}
          Add a dataset card (README.md for Hugging Face; the download becomes a zip)
        </label>
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>Rows</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="adjudicatedOnly" value="true" /> Only sentences with a
          settled gold label
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="includeBoilerplate" value="true" /> Include boilerplate
          sentences
        </label>
        <label htmlFor="export-documents" className="block pt-2 text-sm font-medium text-stone-800">
          Documents{" "}
          <span className="font-normal text-stone-500">
            (none selected: all {documents.length})
          </span>
        </label>
        <select
          id="export-documents"
          name="document"
          multiple
          size={Math.min(6, Math.max(2, documents.length))}
          className="block w-full rounded-md border border-stone-300 px-2 py-1 text-sm"
        >
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>Annotators shown as</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {[
            ["", "Project setting"],
            ["names", "Names"],
            ["emails", "Names and emails"],
            ["pseudonyms", "Pseudonyms"],
          ].map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="identity" value={value} defaultChecked={value === ""} />{" "}
              {label}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>Train / validation / test split (by document)</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {[
            ["none", "No split"],
            ["column", "A split column"],
            ["files", "Separate files in a zip, with a dataset card"],
          ].map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="split"
                value={value}
                checked={split === value}
                onChange={() => setSplit(value ?? "none")}
              />{" "}
              {label}
            </label>
          ))}
        </div>
        {split !== "none" ? (
          <div className="grid grid-cols-4 gap-3 pt-2">
            {[
              ["train", "Train %", 80],
              ["validation", "Validation %", 10],
              ["test", "Test %", 10],
              ["seed", "Seed", 42],
            ].map(([name, label, value]) => (
              <label key={String(name)} className="text-sm">
                <span className="block font-medium text-stone-800">{label}</span>
                <input
                  type="number"
                  name={String(name)}
                  min={0}
                  defaultValue={value}
                  className="mt-1 block w-full rounded-md border border-stone-300 px-2 py-1"
                />
              </label>
            ))}
          </div>
        ) : null}
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={refreshEstimate} disabled={estimating}>
          {estimating ? "Estimating…" : "Estimate size"}
        </Button>
        <Button type="button" onClick={() => void download()} disabled={running}>
          {card || split === "files" ? "Download zip" : "Download"}
        </Button>
        {running ? (
          <Button type="button" variant="ghost" onClick={() => abortRef.current?.abort()}>
            Cancel
          </Button>
        ) : null}
      </div>

      <div aria-live="polite" className="space-y-2 text-sm">
        {estimate ? (
          <p data-testid="export-estimate">
            {estimate.documents} documents, {estimate.sentences} sentences, {estimate.annotations}{" "}
            annotations — about {formatBytes(estimate.bytes)}
            {estimate.format ? ` as ${estimate.format}` : ""}.
          </p>
        ) : null}
        {direct ? (
          <p>
            This export is large: your browser saves it directly and shows its progress in its
            downloads.
          </p>
        ) : null}
        {progress ? (
          <div>
            <progress
              className="h-2 w-full max-w-md"
              aria-label="Download progress"
              max={100}
              value={progress.done ? 100 : (percent ?? undefined)}
            />
            <p>
              {progress.done
                ? `Downloaded ${formatBytes(progress.received)}.`
                : `Received ${formatBytes(progress.received)}…`}
            </p>
          </div>
        ) : null}
        {message ? (
          <p role="alert" className="text-red-700">
            {message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
