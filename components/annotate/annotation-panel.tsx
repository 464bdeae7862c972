"use client";

import type { Ref } from "react";
import { addCommentAction, listCommentsAction } from "@/lib/actions/review";
import { AlsoAppearsIn } from "@/components/documents/also-appears-in";
import { CommentThread } from "@/components/review/comment-thread";
import type { AnnotationFields, PendingEdit, SourceView } from "@/lib/domain/annotation";
import { CredibilityField } from "./credibility-field";
import { LabelField } from "./label-field";
import { LabelBadge } from "./legend";
import { NoteField, UnsureField } from "./note-field";
import { FocusedSaveStatus } from "./save-status";
import type { OtherTag, WorkspaceSentence } from "./sentence-list";
import { SourceFields } from "./source-fields";
import { SuggestionField } from "./suggestion-field";
import type { useAnnotationEdits } from "./use-annotation-edits";
import type { Rejection, SaveStatus } from "./use-save-queue";

/**
 * The focused sentence's details and its annotation's fields, one section per
 * field; a new field is one more section here, given `current` and `edit`.
 */
export function AnnotationPanel({
  sourceRef,
  noteRef,
  ...props
}: {
  projectSlug: string;
  focused: WorkspaceSentence | undefined;
  /** How many sentences a range selection covers; null when one sentence is selected. */
  selectedCount: number | null;
  current: AnnotationFields | null;
  canWrite: boolean;
  /** The annotator submitted the document: their tags are shown read-only. */
  locked: boolean;
  canComment: boolean;
  elsewhere: Array<{ documentId: string; title: string; sentenceIndex: number }>;
  save: {
    status: SaveStatus;
    rejection: Rejection | undefined;
    conflict: PendingEdit | undefined;
    onResolve: (sentenceId: string, choice: "mine" | "theirs") => void;
  };
  edits: Pick<
    ReturnType<typeof useAnnotationEdits>,
    "applyLabel" | "clearTags" | "editFocused" | "setCredibility"
  >;
  /** C was pressed: a digit now sets the credibility. */
  gradingCredibility: boolean;
  sources: readonly SourceView[];
  onSourceAdded: (source: SourceView) => void;
  /** The assistant's part of the panel, or null when the project has it off. */
  assistant: Omit<Parameters<typeof SuggestionField>[0], "current" | "canWrite"> | null;
  sourceRef: Ref<HTMLInputElement>;
  noteRef: Ref<HTMLTextAreaElement>;
  onFieldDone: () => void;
  hint: string | null;
  /** Others' tags on the focused sentence, when they are shown. */
  others: readonly OtherTag[] | undefined;
}) {
  const { focused, current, edits } = props;
  const edit = edits.editFocused;
  return (
    <section
      aria-labelledby="panel-heading"
      className="space-y-3 rounded-lg border border-stone-200 bg-white p-4"
    >
      <h2 id="panel-heading" className="text-sm font-semibold text-stone-900">
        {props.selectedCount != null
          ? `${props.selectedCount} sentences selected`
          : focused
            ? `Sentence ${focused.index + 1}`
            : "No sentence"}
      </h2>
      {focused ? (
        <p className="line-clamp-3 font-serif text-sm text-stone-700">{focused.text}</p>
      ) : null}
      {focused ? (
        <AlsoAppearsIn projectSlug={props.projectSlug} elsewhere={props.elsewhere} />
      ) : null}
      {focused && props.canComment ? (
        <CommentThread
          key={focused.id}
          projectSlug={props.projectSlug}
          sentenceId={focused.id}
          initialCount={null}
          listComments={listCommentsAction}
          addComment={addCommentAction}
        />
      ) : null}
      {props.assistant ? (
        <SuggestionField {...props.assistant} current={current} canWrite={props.canWrite} />
      ) : null}
      {props.canWrite ? (
        <>
          <LabelField current={current} onLabel={edits.applyLabel} onClear={edits.clearTags} />
          <FocusedSaveStatus
            tagged={current != null}
            status={props.save.status}
            rejection={props.save.rejection}
            conflict={props.save.conflict}
            onResolve={props.save.onResolve}
          />
          <SourceFields
            projectSlug={props.projectSlug}
            sources={props.sources}
            onAdded={props.onSourceAdded}
            focused={focused}
            current={current}
            edit={edit}
            ref={sourceRef}
            onDone={props.onFieldDone}
          />
          <CredibilityField
            current={current}
            grading={props.gradingCredibility}
            onSet={edits.setCredibility}
          />
          <NoteField sentenceId={focused?.id} current={current} edit={edit} ref={noteRef} />
          <UnsureField current={current} edit={edit} />
        </>
      ) : props.locked ? (
        <div className="space-y-1 text-sm text-stone-700">
          {current ? (
            <p>
              Your tag: <LabelBadge label={current.label} />
              {current.sourceText ? ` — ${current.sourceText}` : ""}
            </p>
          ) : null}
          <p>You submitted this document, so your tags are read-only until you reopen it.</p>
        </div>
      ) : (
        <p className="text-sm text-stone-700">
          Your role in this project does not include annotating.
        </p>
      )}
      {props.hint ? (
        <p className="text-sm text-stone-700" aria-live="polite">
          {props.hint}
        </p>
      ) : null}
      {props.others?.length ? (
        <ul aria-label="Others’ tags" className="space-y-1 text-sm">
          {props.others.map((o) => (
            <li key={o.annotator}>
              {o.annotator}: <LabelBadge label={o.label} />
              {o.sourceText ? ` — ${o.sourceText}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
