"use client";

import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import {
  startPosition,
  type AnnotationView,
  type CredibilityKeyCommand,
  type KeyCommand,
  type SourceView,
} from "@/lib/domain/annotation";
import { AnnotationPanel } from "./annotation-panel";
import { DocumentFlow, useDocumentFlow } from "./document-flow";
import { LabelBar } from "./label-bar";
import { GuidelinesPanel } from "./guidelines-panel";
import { KeysDialog } from "./keys-dialog";
import { SaveSummary } from "./save-status";
import { SentenceList, type OtherTag, type WorkspaceSentence } from "./sentence-list";
import { useActiveTime } from "./use-active-time";
import { useAnnotationEdits } from "./use-annotation-edits";
import { useAssistant } from "./use-assistant";
import { useRegistry } from "./use-registry";
import { useSaveQueue, type SaveStatus } from "./use-save-queue";
import { useSentenceCursor } from "./use-sentence-cursor";
import { useSourceSelection } from "./use-source-selection";
import { useWorkspaceKeys, type CommandHandlers } from "./use-workspace-keys";
import { WorkspaceToolbar } from "./workspace-toolbar";

export type { OtherTag, WorkspaceSentence } from "./sentence-list";

interface Props {
  projectSlug: string;
  userId: string;
  documentId: string;
  sentences: WorkspaceSentence[];
  mine: AnnotationView[];
  others: OtherTag[] | null;
  sources: SourceView[];
  canWrite: boolean;
  blind: boolean;
  /** The project's attribution assistant is on: suggestions are fetched and shown, A accepts. */
  assistantEnabled: boolean;
  guidelinesHtml: string;
  submitted: boolean;
  /** The sentence this user saved last here: the keys resume after it. */
  lastWorkedSentenceId: string | null;
  /** May this user join sentence discussions before submitting (see lib/server/review/comments.ts)? */
  canReadAll: boolean;
  /** Sentences a reviewer adjudicated, and whether reopening needs a reviewer (lib/server/annotations/lock.ts). */
  lock: { adjudicatedSentenceIds: string[]; reopenNeedsReviewer: boolean };
  /** Other documents of the project with the same sentence, by sentence id. */
  duplicates: Record<string, Array<{ documentId: string; title: string; sentenceIndex: number }>>;
}

/**
 * The annotation workspace: the sentence list with its keys on the left, the
 * focused sentence's annotation on the right. State lives in the hooks (save
 * queue, cursor, source selection, edits); the parts only render it.
 */
export function Workspace(props: Props) {
  const { sentences, projectSlug } = props;
  const saves = useSaveQueue({
    projectSlug,
    userId: props.userId,
    documentId: props.documentId,
    initial: props.mine,
  });
  const { display, statuses } = saves;
  const cursor = useSentenceCursor(sentences, (taggable) => {
    const tagged = new Set(props.mine.map((a) => a.sentenceId));
    const last = sentences.findIndex((s) => s.id === props.lastWorkedSentenceId);
    return startPosition({
      taggable,
      tagged: sentences.map((s) => tagged.has(s.id)),
      last: last === -1 ? null : last,
    });
  });
  const { focused, taggable } = cursor;
  const [helpOpen, setHelpOpen] = useState(false);
  const [showOthers, setShowOthers] = useState(false);
  const [submitted, setSubmitted] = useState(props.submitted);
  // Submitted work is read-only for its annotator until they reopen it (the server refuses too).
  const canWrite = props.canWrite && !submitted;
  useActiveTime({ projectSlug, documentId: props.documentId, enabled: canWrite });
  const adjudicated = useMemo(
    () => new Set(props.lock.adjudicatedSentenceIds),
    [props.lock.adjudicatedSentenceIds],
  );
  const flow = useDocumentFlow({
    projectSlug,
    documentId: props.documentId,
    submitted,
    onSubmitted: setSubmitted,
  });
  const [hint, setHint] = useState<string | null>(null);
  const [gradingCredibility, setGradingCredibility] = useState(false);
  const sourceRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const registry = useRegistry(props.sources);
  const assistant = useAssistant({
    enabled: props.assistantEnabled,
    projectSlug,
    documentId: props.documentId,
    registry,
    setHint,
  });
  // Every edit goes through here, so every save carries the suggestion outcome.
  const change = assistant.withOutcome(saves.change);
  const selection = useSourceSelection({
    sentences,
    taggable,
    display,
    canWrite,
    change,
    place: cursor.place,
    setHint,
  });
  const edits = useAnnotationEdits({
    sentences,
    saves: { display, change },
    focused,
    lo: cursor.lo,
    selectedIds: cursor.selectedIds,
    selection,
    setHint,
  });

  // Commands that write do nothing for a role that may not annotate.
  const writing =
    <C,>(act: (command: C) => void) =>
    (command: C) => {
      if (canWrite) act(command);
      else if (submitted) setHint("Submitted: reopen the document to change it.");
    };
  // The key map: what each command does here.
  const commands: CommandHandlers<KeyCommand> = {
    label: writing(({ label }) => edits.applyLabel(label)),
    clear: writing(edits.clearTags),
    move: ({ delta, extend }) => cursor.move(delta, extend),
    "repeat-source": writing(edits.repeatSource),
    help: () => setHelpOpen((open) => !open),
    escape: cursor.collapse,
    // Selected, so that typing replaces a source already there instead of adding to it.
    "focus-source": () => {
      sourceRef.current?.focus();
      sourceRef.current?.select();
    },
    "focus-note": () => noteRef.current?.focus(),
    "toggle-unsure": writing(edits.toggleUnsure),
    "choose-words": () => selection.startWordChoice(cursor.focus),
    "accept-suggestion": writing(() => {
      if (focused) void assistant.accept(focused, display.has(focused.id), change);
    }),
    "next-suggestion": () => {
      if (focused && assistant.enabled) assistant.next(focused);
    },
    "grade-credibility": writing(() => {
      setGradingCredibility(true);
      setHint("Credibility: press 1–6, 0 for not graded, Esc to cancel.");
    }),
    "submit-document": writing(() => void flow.submit()),
    "next-document": () => void flow.goNext(),
  };
  // After C, the next digit is the credibility of the selected sentences' information.
  const credibilityKeys: CommandHandlers<CredibilityKeyCommand> | null = gradingCredibility
    ? {
        "credibility-set": ({ credibility }) => {
          setGradingCredibility(false);
          edits.setCredibility(credibility);
        },
        "credibility-cancel": () => {
          setGradingCredibility(false);
          setHint(null);
        },
      }
    : null;
  const onKeyDown = useWorkspaceKeys({
    commands,
    words: selection.wordKeys,
    credibility: credibilityKeys,
  });

  const othersBySentence = useMemo(() => {
    const m = new Map<string, OtherTag[]>();
    for (const o of props.others ?? []) m.set(o.sentenceId, [...(m.get(o.sentenceId) ?? []), o]);
    return m;
  }, [props.others]);

  const current = focused ? (display.get(focused.id) ?? null) : null;
  const taggableCount = taggable.filter(Boolean).length;
  const taggedCount = sentences.reduce(
    (n, s, i) => n + (taggable[i] && display.has(s.id) ? 1 : 0),
    0,
  );
  const pending = saves.queue.entries;
  const shown = focused && assistant.enabled ? assistant.shown(focused.id) : null;
  const focusedStatus: SaveStatus = focused ? (statuses.get(focused.id) ?? "saved") : "saved";

  // Esc in any field of the panel goes back to the sentences. A field that keeps a draft saves it
  // as focus leaves (the note on blur; the source field handles its own Esc first).
  const onPanelKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    event.preventDefault();
    cursor.returnFocus();
  };

  return (
    <div className="mt-4 grid gap-6 pb-28 lg:grid-cols-[minmax(0,1fr)_20rem] lg:pb-0">
      <div className="min-w-0">
        <GuidelinesPanel projectSlug={projectSlug} guidelinesHtml={props.guidelinesHtml} />
        <WorkspaceToolbar
          tagged={taggedCount}
          taggable={taggableCount}
          submitted={submitted}
          saveSummary={
            <SaveSummary pending={pending} loaded={saves.loaded} onRetry={saves.retryNow} />
          }
          onKeys={() => setHelpOpen(true)}
          showOthers={props.others ? { checked: showOthers, onChange: setShowOthers } : null}
          blind={props.blind}
          storageProblem={saves.storageProblem}
        />
        {submitted && props.canWrite ? (
          <p
            role="status"
            className="mt-2 rounded-md bg-stone-100 px-3 py-2 text-sm text-stone-800"
          >
            Submitted: read-only. Reopen the document to change it.
          </p>
        ) : null}
        <SentenceList
          listRef={cursor.listRef}
          sentences={sentences}
          display={display}
          statuses={statuses}
          focus={cursor.focus}
          lo={cursor.lo}
          hi={cursor.hi}
          choosing={selection.choosing}
          pendingSpan={selection.pendingSpan}
          others={showOthers ? othersBySentence : null}
          adjudicated={adjudicated}
          suggestion={
            focused && shown
              ? {
                  sentenceId: focused.id,
                  cue: shown.attribution.cue,
                  source: shown.attribution.source,
                }
              : null
          }
          onPick={cursor.pick}
          onKeyDown={onKeyDown}
          onMouseUp={selection.onMouseUp}
        />
      </div>

      <aside
        aria-label="Annotation details"
        onKeyDown={onPanelKeyDown}
        className="min-w-0 space-y-4 lg:sticky lg:top-4 lg:self-start"
      >
        <AnnotationPanel
          projectSlug={projectSlug}
          focused={focused}
          selectedCount={cursor.hi > cursor.lo ? cursor.selectedIds().length : null}
          current={current}
          canWrite={canWrite}
          locked={props.canWrite && submitted}
          canComment={props.canReadAll || submitted}
          elsewhere={focused ? (props.duplicates[focused.id] ?? []) : []}
          save={{
            status: focusedStatus,
            rejection: focused
              ? saves.rejections.find((r) => r.sentenceId === focused.id)
              : undefined,
            conflict: focused
              ? pending.find((e) => e.sentenceId === focused.id && e.conflict)
              : undefined,
            onResolve: saves.resolveConflict,
          }}
          edits={edits}
          gradingCredibility={gradingCredibility}
          sources={registry.sources}
          onSourceAdded={registry.add}
          assistant={
            assistant.enabled && focused
              ? {
                  loaded: assistant.loaded,
                  problem: assistant.problem,
                  shown,
                  label: assistant.suggestions?.get(focused.id)?.label ?? null,
                  onAccept: () => {
                    void assistant.accept(focused, display.has(focused.id), change);
                    cursor.returnFocus();
                  },
                  onNext: () => {
                    assistant.next(focused);
                    cursor.returnFocus();
                  },
                }
              : null
          }
          sourceRef={sourceRef}
          noteRef={noteRef}
          onFieldDone={cursor.returnFocus}
          hint={hint}
          others={showOthers && focused ? othersBySentence.get(focused.id) : undefined}
        />
        {props.canWrite ? (
          <DocumentFlow flow={flow} reopenNeedsReviewer={props.lock.reopenNeedsReviewer} />
        ) : null}
      </aside>

      {canWrite ? (
        <LabelBar
          current={current}
          onLabel={(label) => {
            edits.applyLabel(label);
            cursor.returnFocus();
          }}
          onSource={() => {
            sourceRef.current?.scrollIntoView({ block: "center" });
            sourceRef.current?.focus();
            sourceRef.current?.select();
          }}
          sourceDisabled={current == null}
        />
      ) : null}

      <KeysDialog
        open={helpOpen}
        onClose={() => setHelpOpen(false)}
        assistant={props.assistantEnabled}
      />
    </div>
  );
}
