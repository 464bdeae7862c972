/**
 * Label Studio's JSON export (Export → JSON): an array of tasks, each with
 * `data` (the text under `data.text`), `annotations` (one per annotator
 * submission: `completed_by`, `was_cancelled`, `result`) and `predictions`.
 * A result of type `choices` classifies the text (or, with start/end, a
 * region); `labels` marks a span with `value.start`/`value.end` (JavaScript
 * string offsets, UTF-16 units) and `value.text`, the span's text, checked
 * here against the offsets.
 */
import { z } from "zod";
import {
  Problems,
  codePointToUtf16,
  spanProblem,
  type ForeignAnnotation,
  type ForeignFile,
  type ForeignMark,
  type ForeignPerson,
  type ForeignTask,
} from "./foreign";

const completedBySchema = z.union([
  z.number(),
  z.string(),
  z
    .object({
      id: z.union([z.number(), z.string()]).nullish(),
      email: z.string().nullish(),
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
      username: z.string().nullish(),
    })
    .loose(),
]);

const resultSchema = z
  .object({
    type: z.string(),
    value: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

const annotationSchema = z
  .object({
    completed_by: completedBySchema.nullish(),
    was_cancelled: z.boolean().nullish(),
    result: z.array(resultSchema).nullish(),
  })
  .loose();

const taskSchema = z
  .object({
    id: z.union([z.number(), z.string()]).nullish(),
    data: z.record(z.string(), z.unknown()),
    annotations: z.array(annotationSchema).nullish(),
    predictions: z.array(z.unknown()).nullish(),
  })
  .loose();

type CompletedBy = z.infer<typeof completedBySchema>;

function person(by: CompletedBy | null | undefined): ForeignPerson {
  if (by === null || by === undefined) {
    return { key: "label-studio:unknown", email: null, name: null, externalId: null };
  }
  if (typeof by !== "object") {
    return { key: `label-studio:${by}`, email: null, name: null, externalId: String(by) };
  }
  const name = [by.first_name, by.last_name].filter((p) => p && p.trim()).join(" ") || null;
  const externalId = by.id === null || by.id === undefined ? null : String(by.id);
  const email = by.email?.trim() ? by.email.trim().toLowerCase() : null;
  return {
    key: email ? `email:${email}` : `label-studio:${externalId ?? by.username ?? "unknown"}`,
    email,
    name: name ?? by.username ?? null,
    externalId,
  };
}

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? v : null;

/** The span of a result, in UTF-16 units; the quoted text decides between units when it is given. */
function spanOf(
  text: string,
  value: Record<string, unknown>,
): { start: number; end: number } | { problem: string } {
  const { start, end } = value;
  if (typeof start !== "number" || typeof end !== "number") {
    return { problem: "it has no numeric start and end" };
  }
  const problem = spanProblem(text, start, end);
  const quoted = typeof value.text === "string" ? value.text : null;
  if (quoted === null || (!problem && text.slice(start, end) === quoted)) {
    return problem ? { problem } : { start, end };
  }
  // Label Studio's older back-ends counted code points; the quoted text tells which.
  const s = codePointToUtf16(text, start);
  const e = codePointToUtf16(text, end);
  if (s !== null && e !== null && s < e && text.slice(s, e) === quoted) return { start: s, end: e };
  return {
    problem:
      problem ?? `its text "${quoted.slice(0, 40)}" is not what the text has at ${start}–${end}`,
  };
}

export function parseLabelStudio(json: string): ForeignFile {
  const problems = new Problems();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    problems.add(
      `The file is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`,
    );
    problems.throwIfAny("This Label Studio export");
  }
  if (!Array.isArray(value)) {
    problems.add("A Label Studio JSON export is an array of tasks; this file is not.");
    problems.throwIfAny("This Label Studio export");
    return { format: "label-studio", tasks: [], notImported: [] };
  }
  const tasks: ForeignTask[] = [];
  let predictions = 0;
  let cancelled = 0;
  const otherTypes = new Map<string, number>();
  value.forEach((raw, i) => {
    const parsed = taskSchema.safeParse(raw);
    const ref = `Task ${i + 1}`;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.add(
        `${ref}: ${issue ? `${issue.path.join(".") || "task"}: ${issue.message}` : "not a task"}.`,
      );
      return;
    }
    const task = parsed.data;
    const text = task.data.text;
    if (typeof text !== "string" || text.trim() === "") {
      problems.add(`${ref}: has no text in data.text (only text tasks can be imported).`);
      return;
    }
    predictions += task.predictions?.length ?? 0;
    const annotations: ForeignAnnotation[] = [];
    (task.annotations ?? []).forEach((a, j) => {
      if (a.was_cancelled) {
        cancelled++;
        return;
      }
      const marks: ForeignMark[] = [];
      for (const r of a.result ?? []) {
        const v = r.value ?? {};
        const labels =
          r.type === "choices"
            ? strings(v.choices)
            : r.type === "labels"
              ? strings(v.labels)
              : null;
        if (r.type !== "choices" && r.type !== "labels") {
          otherTypes.set(r.type, (otherTypes.get(r.type) ?? 0) + 1);
          continue;
        }
        if (!labels) {
          problems.add(`${ref}, annotation ${j + 1}: a ${r.type} result has no list of ${r.type}.`);
          continue;
        }
        const isSpan = r.type === "labels" || v.start !== undefined || v.end !== undefined;
        if (!isSpan) {
          for (const label of labels) marks.push({ kind: "choice", label });
          continue;
        }
        const span = spanOf(text, v);
        if ("problem" in span) {
          problems.add(`${ref}, annotation ${j + 1}: a span cannot be placed: ${span.problem}.`);
          continue;
        }
        for (const label of labels) marks.push({ kind: "span", label, ...span });
      }
      annotations.push({ annotator: person(a.completed_by), marks });
    });
    const title = task.data.title;
    tasks.push({
      ref,
      externalId: task.id === null || task.id === undefined ? null : String(task.id),
      text,
      title: typeof title === "string" && title.trim() ? title.trim() : null,
      annotations,
    });
  });
  if (value.length === 0) problems.add("The file has no tasks.");
  problems.throwIfAny("This Label Studio export");
  const notImported: string[] = [];
  if (predictions > 0)
    notImported.push(`${predictions} predictions (only annotations are imported)`);
  if (cancelled > 0) notImported.push(`${cancelled} cancelled (skipped) annotations`);
  for (const [type, n] of otherTypes) notImported.push(`${n} results of type "${type}"`);
  return { format: "label-studio", tasks, notImported };
}
