"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { CommentThread, type AddCommentFn, type ListCommentsFn } from "./comment-thread";

import type { Label } from "@/lib/domain/annotation/labels";
import { LABEL_TEXT, reviewLead, type SentenceContext } from "@/lib/domain/review";
import { ListTable } from "@/components/ui/list-table";

export type { Label };
export type Status = "OPEN" | "RESOLVED" | "NEEDS_DISCUSSION";
const LABEL_STYLE: Record<Label, string> = {
  SOURCED_FACT: "bg-emerald-100 text-emerald-900",
  UNVERIFIED_CLAIM: "bg-amber-100 text-amber-900",
  OPINION: "bg-violet-100 text-violet-900",
  NOT_A_CLAIM: "bg-stone-200 text-stone-800",
};
const STATUS_TEXT: Record<Status, string> = {
  OPEN: "Open",
  RESOLVED: "Resolved",
  NEEDS_DISCUSSION: "Needs discussion",
};

export interface ReviewRow {
  sentenceId: string;
  documentId: string;
  documentTitle: string;
  index: number;
  text: string;
  agreement: number | null;
  agreementKind: "none" | "single" | "unanimous" | "majority" | "split";
  majority: Label | null;
  annotations: Array<{
    annotatorId: string;
    display: string;
    label: Label;
    source: string | null;
    quote: string | null;
    sourceType: string | null;
    note: string | null;
    unsure: boolean;
    /** Information credibility 1–6 (6: cannot be judged), null when not given. */
    credibility: number | null;
  }>;
  adjudication: {
    label: Label | null;
    source: string | null;
    goldCredibility: number | null;
    note: string | null;
    status: Status;
    version: number;
  } | null;
  commentCount: number;
  /** The sentences around this one in its document. */
  context: SentenceContext;
}

type Choice =
  | { kind: "majority" }
  | { kind: "annotator"; annotatorId: string }
  | { kind: "own"; label: Label }
  | { kind: "keep" };
export type AdjudicateFn = (
  projectSlug: string,
  input: unknown,
) => Promise<
  | {
      ok: true;
      data: {
        label: Label | null;
        sourceText: string | null;
        goldCredibility: number | null;
        note: string | null;
        status: Status;
        version: number;
      };
    }
  | { ok: false; message: string }
>;

const PRIMARY =
  "rounded-md bg-stone-900 px-3 py-1.5 text-sm text-white hover:bg-stone-700 disabled:bg-stone-400";
const SECONDARY =
  "rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 disabled:text-stone-500";

const FIRST_ROWS = 60;
const MORE_ROWS = 200;

export function LabelChip({ label }: { label: Label }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${LABEL_STYLE[label]}`}
    >
      {LABEL_TEXT[label]}
    </span>
  );
}

function AgreementBadge({ row }: { row: ReviewRow }) {
  const text =
    row.agreement === null
      ? row.agreementKind === "none"
        ? "Not annotated"
        : "One annotator"
      : row.agreementKind === "unanimous"
        ? "Unanimous"
        : `${Math.round(row.agreement * 100)}% agree`;
  const style =
    row.agreementKind === "unanimous"
      ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
      : row.agreementKind === "split"
        ? "bg-red-50 text-red-800 ring-red-200"
        : "bg-amber-50 text-amber-800 ring-amber-200";
  return <span className={`rounded-full px-2 py-0.5 text-xs ring-1 ${style}`}>{text}</span>;
}

/**
 * The sentence between its neighbours: one before and one after at first,
 * more on request, so a reviewer can read what "it" and "they" refer to.
 */
function InContext({ row }: { row: ReviewRow }) {
  const [more, setMore] = useState(false);
  const before = more ? row.context.before : row.context.before.slice(-1);
  const after = more ? row.context.after : row.context.after.slice(0, 1);
  const hidden =
    row.context.before.length - before.length + row.context.after.length - after.length;
  return (
    <div className="mt-2 font-serif leading-relaxed">
      {before.length ? (
        <p data-context="before" className="text-sm text-stone-600">
          {before.join(" ")}
        </p>
      ) : null}
      <p className="my-1 text-lg">{row.text}</p>
      {after.length ? (
        <p data-context="after" className="text-sm text-stone-600">
          {after.join(" ")}
        </p>
      ) : null}
      {hidden > 0 || more ? (
        <button
          type="button"
          aria-expanded={more}
          onClick={() => setMore((m) => !m)}
          className="mt-1 font-sans text-xs text-sky-800 underline"
        >
          {more ? "Less context" : "More context"}
        </button>
      ) : null}
    </div>
  );
}

/**
 * Sentences to settle, one focused at a time. Keys: ↓/j and ↑/k move, a
 * accepts the majority, 1–9 take that annotator's answer, f/c/o/n set the
 * gold label yourself, d marks "needs discussion", r edits the reviewer note
 * (Enter saves it, Esc goes back to the sentence keeping what was typed).
 */
export function ReviewList({
  projectSlug,
  rows: initialRows,
  canAdjudicate,
  adjudicate,
  comments,
  showDocument,
}: {
  projectSlug: string;
  rows: ReviewRow[];
  canAdjudicate: boolean;
  adjudicate: AdjudicateFn;
  comments: { list: ListCommentsFn; add: AddCommentFn };
  showDocument: boolean;
}) {
  const [rows, setRows] = useState(initialRows);
  // Long documents render progressively: the first rows are on screen and
  // usable at once, the rest are added in batches right after.
  const [visible, setVisible] = useState(Math.min(initialRows.length, FIRST_ROWS));
  const [current, setCurrent] = useState(0);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  // Only a credibility the reviewer picked is sent; otherwise the server keeps or derives it.
  const [goldCredibility, setGoldCredibility] = useState<Record<string, number | null>>({});
  const [pending, startTransition] = useTransition();
  const itemRefs = useRef<Array<HTMLLIElement | null>>([]);
  const noteRefs = useRef<Array<HTMLTextAreaElement | null>>([]);

  const focusRow = useCallback((i: number) => {
    setCurrent(i);
    itemRefs.current[i]?.focus();
  }, []);

  const settle = useCallback(
    (i: number, choice: Choice, status: Status = "RESOLVED", advance = true) => {
      const row = rows[i];
      if (!row || !canAdjudicate) return;
      startTransition(async () => {
        const result = await adjudicate(projectSlug, {
          sentenceId: row.sentenceId,
          choice,
          status,
          note: notes[row.sentenceId] ?? row.adjudication?.note ?? null,
          ...(row.sentenceId in goldCredibility
            ? { goldCredibility: goldCredibility[row.sentenceId] ?? null }
            : {}),
          version: row.adjudication?.version ?? 0,
        });
        if (!result.ok) {
          setMessage({ text: result.message, error: true });
          return;
        }
        const saved = result.data;
        setRows((prev) =>
          prev.map((r, j) =>
            j === i
              ? {
                  ...r,
                  adjudication: {
                    label: saved.label,
                    source: saved.sourceText,
                    goldCredibility: saved.goldCredibility,
                    note: saved.note,
                    status: saved.status,
                    version: saved.version,
                  },
                }
              : r,
          ),
        );
        setMessage({
          text: `Sentence ${row.index + 1} of “${row.documentTitle}”: ${saved.label ? LABEL_TEXT[saved.label] : "no gold label"}, ${STATUS_TEXT[saved.status].toLowerCase()}.`,
          error: false,
        });
        if (!advance) focusRow(i);
        else if (status === "RESOLVED" || status === "NEEDS_DISCUSSION") {
          const next = rows.findIndex((r, j) => j > i && r.adjudication?.status !== "RESOLVED");
          focusRow(next === -1 ? i : next);
        }
      });
    },
    [rows, canAdjudicate, adjudicate, projectSlug, notes, goldCredibility, focusRow],
  );

  const onKeyDown = (event: React.KeyboardEvent<HTMLOListElement>) => {
    if (event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement)
      return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const row = rows[current];
    const key = event.key;
    const own: Record<string, Label> = {
      f: "SOURCED_FACT",
      c: "UNVERIFIED_CLAIM",
      o: "OPINION",
      n: "NOT_A_CLAIM",
    };
    if (key === "ArrowDown" || key === "j") focusRow(Math.min(rows.length - 1, current + 1));
    else if (key === "ArrowUp" || key === "k") focusRow(Math.max(0, current - 1));
    else if (key === "a") {
      if (row && !row.majority) {
        setMessage({
          text: `No majority on sentence ${row.index + 1}: press 1–${row.annotations.length} to take an answer.`,
          error: true,
        });
      } else settle(current, { kind: "majority" });
    } else if (key === "r") noteRefs.current[current]?.focus();
    else if (key === "d") settle(current, { kind: "keep" }, "NEEDS_DISCUSSION");
    else if (/^[1-9]$/.test(key)) {
      const annotation = row?.annotations[Number(key) - 1];
      if (!annotation) return;
      settle(current, { kind: "annotator", annotatorId: annotation.annotatorId });
    } else if (own[key]) settle(current, { kind: "own", label: own[key] });
    else return;
    event.preventDefault();
  };

  useEffect(() => {
    if (visible >= rows.length) return;
    const timer = setTimeout(() => setVisible((v) => Math.min(rows.length, v + MORE_ROWS)), 0);
    return () => clearTimeout(timer);
  }, [visible, rows.length]);

  useEffect(() => {
    if (rows.length > 0) itemRefs.current[0]?.focus();
    // Only on first render: afterwards focus follows the reviewer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (rows.length === 0) return <p className="text-stone-600">Nothing to review here.</p>;
  return (
    <div>
      {canAdjudicate ? (
        <p
          id="review-keys"
          className="mb-3 rounded-md bg-stone-100 px-3 py-2 text-sm text-stone-700"
        >
          Keys: <kbd className="font-mono">↓</kbd>/<kbd className="font-mono">j</kbd> next,{" "}
          <kbd className="font-mono">↑</kbd>/<kbd className="font-mono">k</kbd> previous,{" "}
          <kbd className="font-mono">a</kbd> accept majority, <kbd className="font-mono">1</kbd>–
          <kbd className="font-mono">9</kbd> take that annotator&apos;s answer,{" "}
          <kbd className="font-mono">f</kbd>/<kbd className="font-mono">c</kbd>/
          <kbd className="font-mono">o</kbd>/<kbd className="font-mono">n</kbd> set fact / claim /
          opinion / not a claim, <kbd className="font-mono">d</kbd> needs discussion,{" "}
          <kbd className="font-mono">r</kbd> reviewer note (<kbd className="font-mono">Enter</kbd>{" "}
          saves, <kbd className="font-mono">Esc</kbd> back). Without a majority the number keys
          lead.
        </p>
      ) : null}
      <p
        role="status"
        aria-live="polite"
        className={`mb-2 min-h-5 text-sm ${message?.error ? "text-red-700" : "text-stone-700"}`}
      >
        {pending ? "Saving…" : (message?.text ?? "")}
      </p>
      <ol
        aria-label="Sentences to review"
        aria-describedby={canAdjudicate ? "review-keys" : undefined}
        onKeyDown={onKeyDown}
        className="space-y-3"
      >
        {rows.slice(0, visible).map((row, i) => {
          const gold = row.adjudication;
          const lead = reviewLead(row.annotations.map((a) => a.label));
          return (
            <li
              key={row.sentenceId}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              tabIndex={i === current ? 0 : -1}
              onFocus={() => setCurrent(i)}
              aria-current={i === current ? "true" : undefined}
              aria-label={`Sentence ${row.index + 1}${showDocument ? ` of ${row.documentTitle}` : ""}: ${gold ? STATUS_TEXT[gold.status] : "Open"}`}
              data-status={gold?.status ?? "OPEN"}
              className="list-none rounded-lg border border-stone-200 bg-white p-4 outline-none focus:ring-2 focus:ring-sky-600 aria-[current=true]:border-sky-400"
            >
              <div className="flex flex-wrap items-center gap-2 text-xs text-stone-500">
                {showDocument ? (
                  <Link
                    href={`/projects/${projectSlug}/review/${row.documentId}`}
                    className="font-medium text-sky-800 hover:underline"
                  >
                    {row.documentTitle}
                  </Link>
                ) : null}
                <span>Sentence {row.index + 1}</span>
                {canAdjudicate ? (
                  <Link
                    href={`/projects/${projectSlug}/review/${row.documentId}/curation#sentence-${row.index + 1}`}
                    className="text-sky-800 underline"
                  >
                    Whole document
                  </Link>
                ) : null}
                <AgreementBadge row={row} />
                {row.majority ? (
                  <span>
                    Majority: <LabelChip label={row.majority} />
                  </span>
                ) : row.annotations.length > 1 ? (
                  <span>No majority</span>
                ) : null}
                <span className="ml-auto">
                  Gold: {gold?.label ? <LabelChip label={gold.label} /> : "—"} ·{" "}
                  {gold ? STATUS_TEXT[gold.status] : "Open"}
                </span>
              </div>
              <InContext row={row} />
              <ListTable
                className="mt-3"
                caption={`Annotations of sentence ${row.index + 1}`}
                columns={["#", "Annotator", "Label", "Source", "Type", "Credibility", "Note"]}
                headClassName="text-xs text-stone-500"
                cellClassName="py-1 pr-2 font-medium"
              >
                {row.annotations.map((a, n) => (
                  <tr key={a.annotatorId} className="border-t border-stone-100">
                    <td className="py-1 pr-2 tabular-nums text-stone-500">{n + 1}</td>
                    <td className="py-1 pr-2">{a.display}</td>
                    <td className="py-1 pr-2">
                      <LabelChip label={a.label} />{" "}
                      {a.unsure ? <span className="text-xs text-amber-700">(unsure)</span> : null}
                    </td>
                    <td className="py-1 pr-2">
                      {a.source ?? "—"}
                      {a.quote ? (
                        <span className="block text-xs text-stone-500">“{a.quote}”</span>
                      ) : null}
                    </td>
                    <td className="py-1 pr-2 text-xs">
                      {a.sourceType?.toLowerCase().replaceAll("_", " ") ?? "—"}
                    </td>
                    <td
                      className="py-1 pr-2 tabular-nums"
                      title={a.credibility === 6 ? "cannot be judged" : undefined}
                    >
                      {a.credibility ?? "—"}
                    </td>
                    <td className="py-1 text-stone-700">{a.note ?? ""}</td>
                  </tr>
                ))}
              </ListTable>
              {canAdjudicate ? (
                <div className="mt-3 flex flex-wrap items-end gap-2" data-lead={lead}>
                  {lead === "pick-answer" && row.annotations.length > 1 ? (
                    <p className="w-full text-xs text-stone-700">
                      No majority: take an answer with 1–{row.annotations.length} or set your own.
                    </p>
                  ) : null}
                  <button
                    type="button"
                    disabled={pending || !row.majority}
                    onClick={() => settle(i, { kind: "majority" })}
                    className={lead === "accept-majority" ? PRIMARY : SECONDARY}
                  >
                    Accept majority
                  </button>
                  {row.annotations.map((a, n) => (
                    <button
                      key={a.annotatorId}
                      type="button"
                      disabled={pending}
                      onClick={() => settle(i, { kind: "annotator", annotatorId: a.annotatorId })}
                      className={lead === "pick-answer" ? PRIMARY : SECONDARY}
                    >
                      {n + 1}: {a.display}
                    </button>
                  ))}
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() => settle(i, { kind: "keep" }, "NEEDS_DISCUSSION")}
                    className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100"
                  >
                    Needs discussion
                  </button>
                  {gold?.status === "NEEDS_DISCUSSION" ? (
                    <button
                      type="button"
                      disabled={pending}
                      onClick={() => settle(i, { kind: "keep" }, "OPEN", false)}
                      className={SECONDARY}
                    >
                      Clear “needs discussion”
                    </button>
                  ) : null}
                  <label className="flex flex-col text-xs text-stone-600">
                    Gold credibility
                    <select
                      value={String(
                        row.sentenceId in goldCredibility
                          ? (goldCredibility[row.sentenceId] ?? "")
                          : (gold?.goldCredibility ?? ""),
                      )}
                      onChange={(e) =>
                        setGoldCredibility((prev) => ({
                          ...prev,
                          [row.sentenceId]: e.target.value ? Number(e.target.value) : null,
                        }))
                      }
                      className="mt-1 rounded-md border border-stone-300 px-2 py-1 text-sm"
                    >
                      <option value="">—</option>
                      {[1, 2, 3, 4, 5, 6].map((c) => (
                        <option key={c} value={c}>
                          {c === 6 ? "6 cannot be judged" : c}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="ml-auto flex min-w-64 flex-1 flex-col text-xs text-stone-600">
                    Reviewer note (R; Enter saves)
                    <textarea
                      rows={1}
                      value={notes[row.sentenceId] ?? gold?.note ?? ""}
                      ref={(el) => {
                        noteRefs.current[i] = el;
                      }}
                      onChange={(e) =>
                        setNotes((prev) => ({ ...prev, [row.sentenceId]: e.target.value }))
                      }
                      onKeyDown={(e) => {
                        // Enter saves the note (Shift+Enter is a new line); Esc goes back to the
                        // sentence, and the typed text stays in the box for later.
                        if (e.key === "Enter" && !e.shiftKey) {
                          e.preventDefault();
                          settle(i, { kind: "keep" }, gold?.status ?? "OPEN", false);
                        } else if (e.key === "Escape") {
                          e.preventDefault();
                          focusRow(i);
                        }
                      }}
                      className="mt-1 rounded-md border border-stone-300 px-2 py-1 text-sm"
                    />
                  </label>
                </div>
              ) : null}
              <CommentThread
                projectSlug={projectSlug}
                sentenceId={row.sentenceId}
                initialCount={row.commentCount}
                listComments={comments.list}
                addComment={comments.add}
              />
            </li>
          );
        })}
      </ol>
    </div>
  );
}
