"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  RELIABILITY_GRADES,
  RELIABILITY_MEANINGS,
  type ReliabilityGrade,
} from "@/lib/domain/sources";
import { gradeSourceAction, settleSourceGradeAction } from "@/lib/actions/sources";

const input = "mt-1 block w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm";

/**
 * One grade form: the caller's own grade (`kind: "own"`, versioned) or the
 * project's settled grade (`kind: "settle"`, a rationale required).
 */
export function GradeForm(props: {
  projectSlug: string;
  sourceId: string;
  kind: "own" | "settle";
  current: { grade: ReliabilityGrade; rationale: string; version?: number } | null;
}) {
  const router = useRouter();
  const [grade, setGrade] = useState<ReliabilityGrade | "">(props.current?.grade ?? "");
  const [rationale, setRationale] = useState(
    props.kind === "own" ? (props.current?.rationale ?? "") : "",
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const label = props.kind === "own" ? "Your grade" : "Settled grade";

  async function submit() {
    const result = await (
      props.kind === "own"
        ? gradeSourceAction(props.projectSlug, props.sourceId, {
            grade,
            rationale,
            expectedVersion: props.current?.version ?? 0,
          })
        : settleSourceGradeAction(props.projectSlug, props.sourceId, { grade, rationale })
    ).catch(() => null);
    if (!result) setMessage({ ok: false, text: "No connection to the server. Nothing was saved." });
    else if (!result.ok) setMessage({ ok: false, text: result.message });
    else {
      setMessage({
        ok: true,
        text: props.kind === "own" ? "Your grade is saved." : "Grade settled.",
      });
      if (props.kind === "settle") setRationale("");
      router.refresh();
    }
  }

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="block text-sm">
        {label}
        <select
          value={grade}
          onChange={(e) => setGrade(RELIABILITY_GRADES.find((g) => g === e.target.value) ?? "")}
          className={input}
        >
          <option value="">Choose…</option>
          {RELIABILITY_GRADES.map((g) => (
            <option key={g} value={g}>
              {g} — {RELIABILITY_MEANINGS[g]}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        {props.kind === "own" ? "Rationale (optional)" : "Rationale"}
        <textarea
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          rows={2}
          className={input}
        />
      </label>
      <button
        type="submit"
        disabled={!grade}
        className="rounded bg-stone-900 px-3 py-1 text-sm text-white hover:bg-stone-700 disabled:bg-stone-400"
      >
        {props.kind === "own" ? "Save my grade" : "Settle grade"}
      </button>
      {message ? (
        <p
          role={message.ok ? "status" : "alert"}
          className={`text-sm ${message.ok ? "text-stone-700" : "text-red-800"}`}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
