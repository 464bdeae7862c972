"use client";

import { useState, useTransition } from "react";

export interface CommentItem {
  id: string;
  author: string;
  mine: boolean;
  body: string;
  createdAt: string;
}

type Result<T> = { ok: true; data: T } | { ok: false; message: string };
export type ListCommentsFn = (
  projectSlug: string,
  sentenceId: string,
) => Promise<Result<CommentItem[]>>;
export type AddCommentFn = (projectSlug: string, input: unknown) => Promise<Result<CommentItem>>;

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** A sentence's discussion, loaded when opened, so a long review page stays light. */
export function CommentThread({
  projectSlug,
  sentenceId,
  initialCount,
  listComments,
  addComment,
}: {
  projectSlug: string;
  sentenceId: string;
  /** Null when not known until the thread is opened. */
  initialCount: number | null;
  listComments: ListCommentsFn;
  addComment: AddCommentFn;
}) {
  const [comments, setComments] = useState<CommentItem[] | null>(null);
  const [count, setCount] = useState(initialCount);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const load = () =>
    startTransition(async () => {
      const result = await listComments(projectSlug, sentenceId);
      if (result.ok) {
        setComments(result.data);
        setCount(result.data.length);
        setError(null);
      } else setError(result.message);
    });

  const post = () =>
    startTransition(async () => {
      const result = await addComment(projectSlug, { sentenceId, body });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setComments((prev) => [...(prev ?? []), result.data]);
      setCount((c) => (c ?? 0) + 1);
      setBody("");
      setError(null);
    });

  return (
    <details
      className="mt-3 text-sm"
      onToggle={(event) => {
        if (event.currentTarget.open && comments === null) load();
      }}
      // Keys typed in the thread must not adjudicate the row.
      onKeyDown={(event) => event.stopPropagation()}
    >
      <summary className="cursor-pointer text-stone-600 hover:text-stone-900">
        {count === null ? "Comments" : `Comments (${count})`}
      </summary>
      <div className="mt-2 space-y-2 rounded-md bg-stone-50 p-3">
        {comments === null ? <p className="text-stone-500">{pending ? "Loading…" : ""}</p> : null}
        {comments?.length === 0 ? <p className="text-stone-500">No comments yet.</p> : null}
        {comments?.length ? (
          <ul className="space-y-2" aria-label="Comments">
            {comments.map((c) => (
              <li key={c.id}>
                <p className="text-xs text-stone-500">
                  {c.mine ? "You" : c.author} ·{" "}
                  <time dateTime={c.createdAt}>{timeFormat.format(new Date(c.createdAt))}</time>
                </p>
                <p className="whitespace-pre-wrap">{c.body}</p>
              </li>
            ))}
          </ul>
        ) : null}
        <label className="block text-xs text-stone-600">
          Add a comment
          <textarea
            rows={2}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
          />
        </label>
        <button
          type="button"
          onClick={post}
          disabled={pending || body.trim().length === 0}
          className="rounded-md border border-stone-300 bg-white px-3 py-1 text-sm hover:bg-stone-100 disabled:text-stone-400"
        >
          Post comment
        </button>
        {error ? (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </details>
  );
}
