"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { nextDocumentAction, setSubmittedAction } from "@/lib/actions/annotate";

/** Submitting or reopening the document, and going on to the next one that needs this annotator. */
export function DocumentFlow(props: {
  projectSlug: string;
  documentId: string;
  submitted: boolean;
  /** The document is adjudicated: reopening needs a reviewer's permission. */
  reopenNeedsReviewer: boolean;
  onSubmitted: (submitted: boolean) => void;
}) {
  const router = useRouter();
  const { projectSlug, documentId, submitted } = props;
  const [message, setMessage] = useState<string | null>(null);

  async function toggleSubmitted() {
    const result = await setSubmittedAction(projectSlug, documentId, !submitted).catch(() => null);
    if (!result) setMessage("No connection to the server. Try again.");
    else if (!result.ok) setMessage(result.message);
    else {
      props.onSubmitted(result.data.status === "SUBMITTED");
      setMessage(
        result.data.status === "SUBMITTED"
          ? "Document submitted. It is read-only until you reopen it."
          : "Document reopened.",
      );
    }
  }

  async function goNext() {
    const result = await nextDocumentAction(projectSlug, documentId).catch(() => null);
    if (!result) setMessage("No connection to the server. Try again.");
    else if (!result.ok) setMessage(result.message);
    else if (!result.data) setMessage("No other document needs you right now.");
    else router.push(`/projects/${projectSlug}/documents/${result.data.id}`);
  }

  return (
    <section
      aria-label="Document progress"
      className="space-y-2 rounded-lg border border-stone-200 bg-white p-4"
    >
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => void toggleSubmitted()}
          className="rounded-md bg-stone-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-stone-700"
        >
          {submitted ? "Reopen document" : "Submit document"}
        </button>
        <button
          type="button"
          onClick={() => void goNext()}
          className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100"
        >
          Next document
        </button>
      </div>
      {submitted && props.reopenNeedsReviewer ? (
        <p className="text-sm text-stone-700">
          A reviewer has adjudicated this document: reopening it needs their permission.
        </p>
      ) : null}
      {message ? (
        <p role="status" className="text-sm text-stone-700">
          {message}
        </p>
      ) : null}
    </section>
  );
}
