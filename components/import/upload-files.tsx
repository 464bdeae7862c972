"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type DragEvent } from "react";
import { z } from "zod";
import { restoredSummary } from "@/lib/domain/ingest/jsonl";

const resultSchema = z.object({
  fileName: z.string(),
  ok: z.boolean(),
  documents: z.array(z.object({ id: z.string(), title: z.string(), sentenceCount: z.number() })),
  errors: z.array(z.string()),
  notices: z.array(z.string()).default([]),
  likelyDuplicates: z
    .array(z.object({ record: z.number(), title: z.string(), message: z.string() }))
    .default([]),
  restored: z
    .object({ annotations: z.number(), adjudications: z.number(), placeholders: z.number() })
    .optional(),
});
const errorSchema = z.object({ error: z.object({ message: z.string() }) });

const UPLOADS_IN_FLIGHT = 3;

type Item = {
  key: string;
  file: File;
  state: "waiting" | "uploading" | "storing" | "done" | "failed";
  percent: number;
  documents: Array<{ id: string; title: string; sentenceCount: number }>;
  errors: string[];
  notices: string[];
  likelyDuplicates: Array<{ record: number; title: string; message: string }>;
  /** The records to send as confirmed on the next attempt (an "Import anyway"). */
  confirm?: number[];
  restored?: { annotations: number; adjudications: number; placeholders: number };
};

/** Sends one file and reports upload progress; the server's JSON answer becomes the file's result. */
function send(
  url: string,
  file: File,
  confirm: number[] | undefined,
  onProgress: (percent: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: null });
    const form = new FormData();
    form.append("file", file);
    if (confirm) form.append("confirm", confirm.join(","));
    xhr.send(form);
  });
}

export function UploadFiles({ projectSlug }: { projectSlug: string }) {
  const router = useRouter();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const inFlight = useRef(0);
  const queue = useRef<Item[]>([]);

  const update = (key: string, change: Partial<Item>) =>
    setItems((all) => all.map((it) => (it.key === key ? { ...it, ...change } : it)));

  // A few files in flight: each keeps its own progress, and the server stores
  // one while it parses the next, without flooding a small machine.
  async function worker() {
    for (let next = queue.current.shift(); next; next = queue.current.shift()) {
      const { key, file, confirm } = next;
      // A confirmation keeps what the first attempt stored and reported beside the new result.
      const before = confirm ? next : undefined;
      update(key, { state: "uploading" });
      const { status, body } = await send(
        `/api/projects/${encodeURIComponent(projectSlug)}/documents`,
        file,
        confirm,
        (percent) => update(key, { percent, state: percent >= 100 ? "storing" : "uploading" }),
      );
      const result = resultSchema.safeParse(body);
      if (result.success) {
        const documents = [...(before?.documents ?? []), ...result.data.documents];
        update(key, {
          state: documents.length > 0 ? "done" : "failed",
          percent: 100,
          documents,
          errors: [...(before?.errors ?? []), ...result.data.errors],
          notices: [...(before?.notices ?? []), ...result.data.notices],
          likelyDuplicates: result.data.likelyDuplicates,
          confirm: undefined,
          restored: result.data.restored,
        });
      } else {
        const error = errorSchema.safeParse(body);
        const message = error.success
          ? error.data.error.message
          : status === 0
            ? "The upload was interrupted; check the connection and add the file again."
            : "Something went wrong.";
        update(key, { state: "failed", percent: 100, errors: [message] });
      }
    }
  }

  async function drain() {
    const starting = Math.min(UPLOADS_IN_FLIGHT - inFlight.current, queue.current.length);
    if (starting <= 0) return;
    inFlight.current += starting;
    await Promise.all(
      Array.from({ length: starting }, async () => {
        await worker();
        inFlight.current--;
      }),
    );
    if (inFlight.current === 0) router.refresh();
  }

  function add(files: FileList | null) {
    if (!files || files.length === 0) return;
    const added = [...files].map((file): Item => ({
      key: `${Date.now()}-${Math.random()}`,
      file,
      state: "waiting",
      percent: 0,
      documents: [],
      errors: [],
      notices: [],
      likelyDuplicates: [],
    }));
    queue.current.push(...added);
    setItems((all) => [...all, ...added]);
    void drain();
  }

  /** Sends the file again with its likely duplicates confirmed: only those records are stored. */
  function importAnyway(item: Item) {
    const again: Item = {
      ...item,
      state: "waiting",
      percent: 0,
      confirm: item.likelyDuplicates.map((d) => d.record),
      likelyDuplicates: [],
    };
    queue.current.push(again);
    update(item.key, again);
    void drain();
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    add(e.dataTransfer.files);
  }

  return (
    <div className="space-y-4">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-10 text-center ${
          dragging ? "border-sky-600 bg-sky-50" : "border-stone-300 bg-white"
        }`}
      >
        <p className="text-sm text-stone-700">Drop files here, or</p>
        <label
          htmlFor={inputId}
          className="cursor-pointer rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-900 focus-within:ring-2 focus-within:ring-sky-600 hover:bg-stone-100"
        >
          Choose files
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            multiple
            accept=".txt,.md,.markdown,.html,.htm,.jsonl,.ndjson"
            className="sr-only"
            onChange={(e) => {
              add(e.target.files);
              // Lets the same file be chosen again after a fix.
              e.target.value = "";
            }}
          />
        </label>
      </div>
      {items.length > 0 ? (
        <ul
          aria-label="Uploaded files"
          className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white"
        >
          {items.map((item) => (
            <li key={item.key} aria-label={item.file.name} className="space-y-1 px-4 py-3 text-sm">
              <div className="flex items-center justify-between gap-4">
                <span className="font-medium break-all">{item.file.name}</span>
                <span
                  role="status"
                  className={item.state === "failed" ? "text-red-700" : "text-stone-600"}
                >
                  {item.state === "waiting"
                    ? "Waiting"
                    : item.state === "uploading"
                      ? `Uploading ${item.percent}%`
                      : item.state === "storing"
                        ? "Importing…"
                        : item.state === "done"
                          ? `Imported ${item.documents.length} ${item.documents.length === 1 ? "document" : "documents"}${restoredSummary(item.restored)}${item.errors.length ? `, ${item.errors.length} problems` : ""}`
                          : item.likelyDuplicates.length > 0 && item.errors.length === 0
                            ? "Likely duplicate"
                            : "Failed"}
                </span>
              </div>
              {item.state === "uploading" || item.state === "storing" ? (
                <progress
                  max={100}
                  value={item.percent}
                  aria-label={`Upload of ${item.file.name}`}
                  className="h-1.5 w-full"
                />
              ) : null}
              {item.documents.length > 0 && item.documents.length <= 5 ? (
                <ul className="text-stone-700">
                  {item.documents.map((d) => (
                    <li key={d.id}>
                      <Link
                        href={`/projects/${projectSlug}/documents/${d.id}`}
                        className="text-sky-800 hover:underline"
                      >
                        {d.title}
                      </Link>{" "}
                      — {d.sentenceCount} sentences
                    </li>
                  ))}
                </ul>
              ) : null}
              {item.notices.length > 0 ? (
                <ul aria-label="Notes" className="list-disc space-y-0.5 pl-5 text-amber-800">
                  {item.notices.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              ) : null}
              {item.likelyDuplicates.length > 0 && item.state !== "waiting" ? (
                <div className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2">
                  <p className="font-medium text-amber-900">
                    {item.likelyDuplicates.length === 1
                      ? "Held back as a likely duplicate:"
                      : `${item.likelyDuplicates.length} records held back as likely duplicates:`}
                  </p>
                  <ul className="list-disc space-y-0.5 pl-5 text-amber-900">
                    {item.likelyDuplicates.map((d) => (
                      <li key={d.record}>{d.message}</li>
                    ))}
                  </ul>
                  <button
                    type="button"
                    onClick={() => importAnyway(item)}
                    className="rounded-md border border-amber-400 bg-white px-3 py-1 text-sm font-medium text-amber-900 hover:bg-amber-100 focus:ring-2 focus:ring-sky-600 focus:outline-none"
                  >
                    {item.likelyDuplicates.length === 1 ? "Import it anyway" : "Import them anyway"}
                  </button>
                </div>
              ) : null}
              {item.errors.length > 0 ? (
                <ul className="list-disc space-y-0.5 pl-5 text-red-700">
                  {item.errors.map((e, i) => (
                    <li key={i}>{e}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
