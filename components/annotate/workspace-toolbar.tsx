"use client";

import type { ReactNode } from "react";
import { Legend } from "./legend";

/** The bar above the sentences: progress, the save summary, the legend, keys and others' tags. */
export function WorkspaceToolbar(props: {
  tagged: number;
  taggable: number;
  submitted: boolean;
  /** The document's save summary (see SaveSummary). */
  saveSummary: ReactNode;
  onKeys: () => void;
  /** Null when others' tags are not available to this annotator. */
  showOthers: { checked: boolean; onChange(checked: boolean): void } | null;
  blind: boolean;
  storageProblem: string | null;
}) {
  const { tagged, taggable } = props;
  return (
    <div className="sticky top-0 z-10 space-y-2 border-b border-stone-200 bg-white/95 py-2">
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-48 flex-1">
          <div
            role="progressbar"
            aria-label="Tagged sentences"
            aria-valuemin={0}
            aria-valuemax={taggable}
            aria-valuenow={tagged}
            aria-valuetext={`${tagged} of ${taggable} sentences tagged`}
            className="h-2 overflow-hidden rounded bg-stone-200"
          >
            <div
              className="h-full bg-sky-700"
              style={{ width: `${taggable ? (100 * tagged) / taggable : 0}%` }}
            />
          </div>
          <p className="mt-1 text-xs text-stone-700">
            {tagged} of {taggable} sentences tagged{props.submitted ? " · submitted" : ""}
          </p>
        </div>
        {props.saveSummary}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Legend />
        <button
          type="button"
          onClick={props.onKeys}
          className="ml-auto rounded border border-stone-300 px-2 py-1 text-sm hover:bg-stone-100"
        >
          Keys <kbd className="font-mono">?</kbd>
        </button>
        {props.showOthers ? (
          <label className="flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              checked={props.showOthers.checked}
              onChange={(e) => props.showOthers?.onChange(e.target.checked)}
            />
            Show others’ tags
          </label>
        ) : props.blind ? (
          <span className="text-xs text-stone-600">Blind project: only your tags are shown</span>
        ) : null}
      </div>
      {props.storageProblem ? (
        <p role="alert" className="text-sm text-red-800">
          {props.storageProblem}
        </p>
      ) : null}
    </div>
  );
}
