import type { PendingEdit } from "@/lib/domain/annotation";
import { LabelBadge } from "./legend";
import type { Rejection, SaveStatus } from "./use-save-queue";

export const STATUS_TEXT: Record<SaveStatus, string> = {
  saved: "Saved",
  saving: "Saving…",
  failed: "Not saved yet, retrying",
  reconnecting: "Not saved yet: reconnecting to the server",
  conflict: "Changed elsewhere: choose a version",
};

const STATUS_ICON: Record<SaveStatus, string> = {
  saved: "",
  saving: "…",
  failed: "!",
  reconnecting: "↻",
  conflict: "⚠",
};

/** A sentence's unsaved state as a mark beside its text; nothing once it is saved. */
export function SentenceSaveMark(props: { status: SaveStatus | undefined }) {
  if (!props.status || props.status === "saved") return null;
  return (
    <span
      className="ml-2 font-sans text-xs font-semibold text-stone-700"
      title={STATUS_TEXT[props.status]}
    >
      <span aria-hidden="true">{STATUS_ICON[props.status]}</span>
      <span className="sr-only">{STATUS_TEXT[props.status]}</span>
    </span>
  );
}

/**
 * The whole document's save state, with a way to retry at once when edits are
 * failing. Until the queue kept in this browser has been read (`loaded`) it
 * cannot know whether edits wait, so it says it is checking rather than "saved".
 */
export function SaveSummary(props: {
  pending: readonly PendingEdit[];
  loaded: boolean;
  onRetry: () => void;
}) {
  const { pending } = props;
  const conflicts = pending.filter((e) => e.conflict).length;
  const failing = pending.filter((e) => !e.conflict && e.error).length;
  const reconnecting = pending.filter((e) => !e.conflict && e.reconnecting).length;
  const edits = (n: number) => `${n} ${n === 1 ? "edit" : "edits"}`;
  const overall = !props.loaded
    ? "Checking for unsaved edits…"
    : conflicts
      ? `${conflicts} ${conflicts === 1 ? "sentence was" : "sentences were"} changed elsewhere: choose which version to keep`
      : reconnecting
        ? `Reconnecting to the server: ${edits(failing)} kept in this browser, not saved yet`
        : failing
          ? `${edits(failing)} not saved yet: kept in this browser, retrying`
          : pending.length
            ? "Saving…"
            : "All changes saved";
  return (
    <>
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${conflicts || failing ? "font-semibold text-red-800" : "text-stone-700"}`}
      >
        {overall}
      </p>
      {failing ? (
        <button
          type="button"
          onClick={props.onRetry}
          className="rounded border border-stone-300 px-2 py-1 text-sm hover:bg-stone-100"
        >
          Retry now
        </button>
      ) : null}
    </>
  );
}

/** The focused sentence's save state, why the server refused it, and the choice when it conflicts. */
export function FocusedSaveStatus(props: {
  tagged: boolean;
  status: SaveStatus;
  rejection: Rejection | undefined;
  conflict: PendingEdit | undefined;
  onResolve: (sentenceId: string, choice: "mine" | "theirs") => void;
}) {
  return (
    <>
      <p className="text-sm" aria-live="polite">
        <span className="font-medium">Status:</span>{" "}
        {props.tagged || props.status !== "saved" ? STATUS_TEXT[props.status] : "Not tagged"}
      </p>
      {props.rejection ? (
        <p role="alert" className="text-sm text-red-800">
          Not saved: {props.rejection.message}
        </p>
      ) : null}
      {props.conflict ? (
        <ConflictBanner entry={props.conflict} onResolve={props.onResolve} />
      ) : null}
    </>
  );
}

function ConflictBanner({
  entry,
  onResolve,
}: {
  entry: PendingEdit;
  onResolve: (sentenceId: string, choice: "mine" | "theirs") => void;
}) {
  if (!entry.conflict) return null;
  const theirs = entry.conflict.current?.fields ?? null;
  const mine = entry.change.kind === "save" ? entry.change.fields : null;
  return (
    <div role="alert" className="space-y-2 rounded border border-red-300 bg-red-50 p-2 text-sm">
      <p className="font-semibold text-red-900">
        This sentence was changed in another tab or on another device.
      </p>
      <p>
        Theirs: {theirs ? <LabelBadge label={theirs.label} /> : "no tag"}
        {theirs?.sourceText ? ` — ${theirs.sourceText}` : ""}
      </p>
      <p>
        Yours: {mine ? <LabelBadge label={mine.label} /> : "no tag"}
        {mine?.sourceText ? ` — ${mine.sourceText}` : ""}
      </p>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={() => onResolve(entry.sentenceId, "mine")}
          className="rounded bg-stone-900 px-2 py-1 text-white hover:bg-stone-700"
        >
          Keep mine
        </button>
        <button
          type="button"
          onClick={() => onResolve(entry.sentenceId, "theirs")}
          className="rounded border border-stone-300 bg-white px-2 py-1 hover:bg-stone-100"
        >
          Take theirs
        </button>
      </div>
    </div>
  );
}
