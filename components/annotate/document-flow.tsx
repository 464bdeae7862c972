"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { nextDocumentAction, setSubmittedAction } from "@/lib/actions/annotate";

/**
 * Submitting or reopening the document and going on to the next one that
 * needs this annotator: shared by the buttons and the keys (Shift+Enter, Shift+N).
 */
export function useDocumentFlow(props: {
  projectSlug: string;
  documentId: string;
  submitted: boolean;
  onSubmitted: (submitted: boolean) => void;
}) {
  const router = useRouter();
  const { projectSlug, documentId, submitted } = props;
  const [message, setMessage] = useState<string | null>(null);

  async function setSubmitted(value: boolean) {
    const result = await setSubmittedAction(projectSlug, documentId, value).catch(() => null);
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
    setMessage("Looking for the next document…");
    const result = await nextDocumentAction(projectSlug, documentId).catch(() => null);
    if (!result) setMessage("No connection to the server. Try again.");
    else if (!result.ok) setMessage(result.message);
    else if (!result.data) setMessage("No other document needs you right now.");
    else router.push(`/projects/${projectSlug}/documents/${result.data.id}`);
  }

  return {
    submitted,
    message,
    toggleSubmitted: () => setSubmitted(!submitted),
    /** The key submits only: pressed on a submitted document it says so instead of reopening it. */
    submit: () =>
      submitted ? setMessage("This document is already submitted.") : setSubmitted(true),
    goNext,
  };
}

export type DocumentFlowState = ReturnType<typeof useDocumentFlow>;

export function DocumentFlow({
  flow,
  reopenNeedsReviewer,
}: {
  flow: DocumentFlowState;
  /** The document is adjudicated: reopening needs a reviewer's permission. */
  reopenNeedsReviewer: boolean;
}) {
  return (
    <section
      aria-label="Document progress"
      className="space-y-2 rounded-lg border border-stone-200 bg-white p-4"
    >
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => void flow.toggleSubmitted()}
          aria-keyshortcuts={flow.submitted ? undefined : "Shift+Enter"}
          className="rounded-md bg-stone-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-stone-700"
        >
          {flow.submitted ? "Reopen document" : "Submit document"}
          {flow.submitted ? null : (
            <kbd aria-hidden="true" className="ml-2 font-mono text-xs text-stone-300">
              ⇧ Enter
            </kbd>
          )}
        </button>
        <button
          type="button"
          onClick={() => void flow.goNext()}
          aria-keyshortcuts="Shift+N"
          className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100"
        >
          Next document{" "}
          <kbd aria-hidden="true" className="ml-1 font-mono text-xs text-stone-600">
            ⇧ N
          </kbd>
        </button>
      </div>
      {flow.submitted && reopenNeedsReviewer ? (
        <p className="text-sm text-stone-700">
          A reviewer has adjudicated this document: reopening it needs their permission.
        </p>
      ) : null}
      <p role="status" className="min-h-5 text-sm text-stone-700">
        {flow.message ?? ""}
      </p>
    </section>
  );
}
