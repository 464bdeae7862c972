/**
 * doccano's JSONL export, one example per line: `text` and the labels —
 * text classification as `label` (or `labels`, `cats`): ["positive", …];
 * sequence labelling as `label`: [[start, end, "TAG"], …] or `entities`:
 * [{start_offset, end_offset, label}, …] (with relations). doccano writes one
 * file per annotator, named after them (`alice.jsonl`), or `all.jsonl` for a
 * collaborative project, so the annotator comes from the file name. Offsets
 * are read as JavaScript string offsets (UTF-16 units), as doccano's browser
 * annotator counts them without its grapheme mode.
 */
import { z } from "zod";
import {
  Problems,
  spanProblem,
  type ForeignFile,
  type ForeignMark,
  type ForeignPerson,
  type ForeignTask,
} from "./foreign";

const tripleSchema = z.tuple([z.number(), z.number(), z.string()]);
const entitySchema = z
  .object({ start_offset: z.number(), end_offset: z.number(), label: z.string() })
  .loose();

const lineSchema = z
  .object({
    id: z.union([z.number(), z.string()]).nullish(),
    text: z.string(),
    label: z.union([z.array(z.string()), z.array(tripleSchema)]).nullish(),
    labels: z.union([z.array(z.string()), z.array(tripleSchema)]).nullish(),
    cats: z.array(z.string()).nullish(),
    entities: z.union([z.array(tripleSchema), z.array(entitySchema)]).nullish(),
  })
  .loose();

type Line = z.infer<typeof lineSchema>;

/** The annotator a doccano file belongs to, from its name; a collaborative `all` export names nobody. */
export function doccanoAnnotator(fileName: string): ForeignPerson {
  const stem = (fileName.split(/[\\/]/).pop() ?? "").replace(/\.(jsonl|json)$/i, "").trim();
  if (stem === "" || stem.toLowerCase() === "all") {
    return { key: "doccano:all", email: null, name: null, externalId: null };
  }
  const email = stem.includes("@") ? stem.toLowerCase() : null;
  return { key: email ? `email:${email}` : `doccano:${stem}`, email, name: stem, externalId: stem };
}

function marksOf(line: Line): Array<ForeignMark | { start: number; end: number; label: string }> {
  const out: Array<ForeignMark | { start: number; end: number; label: string }> = [];
  for (const list of [line.label, line.labels, line.cats, line.entities]) {
    for (const item of list ?? []) {
      if (typeof item === "string") out.push({ kind: "choice", label: item });
      else if (Array.isArray(item)) out.push({ start: item[0], end: item[1], label: item[2] });
      else out.push({ start: item.start_offset, end: item.end_offset, label: item.label });
    }
  }
  return out;
}

function records(content: string, problems: Problems): Array<{ ref: string; value: unknown }> {
  const trimmed = content.replace(/^\uFEFF/, "").trim();
  // doccano's JSON export is the same records in one array.
  if (trimmed.startsWith("[")) {
    try {
      const all: unknown = JSON.parse(trimmed);
      if (Array.isArray(all)) {
        return all.map((value: unknown, i) => ({ ref: `Record ${i + 1}`, value }));
      }
    } catch {
      problems.add("The file is not valid JSON.");
      return [];
    }
  }
  const out: Array<{ ref: string; value: unknown }> = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    try {
      out.push({ ref: `Line ${i + 1}`, value: JSON.parse(raw) });
    } catch {
      problems.add(`Line ${i + 1} is not valid JSON.`);
    }
  });
  return out;
}

export function parseDoccano(content: string, fileName: string): ForeignFile {
  const problems = new Problems();
  const annotator = doccanoAnnotator(fileName);
  const tasks: ForeignTask[] = [];
  let relations = 0;
  const all = records(content, problems);
  for (const { ref, value } of all) {
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.add(
        `${ref}: ${issue ? `${issue.path.join(".") || "record"}: ${issue.message}` : "not a doccano record"}.`,
      );
      continue;
    }
    const line = parsed.data;
    if (line.text.trim() === "") {
      problems.add(`${ref}: the text is empty.`);
      continue;
    }
    if (Array.isArray(line.relations)) relations += line.relations.length;
    const marks: ForeignMark[] = [];
    for (const m of marksOf(line)) {
      if ("kind" in m) {
        marks.push(m);
        continue;
      }
      const problem = spanProblem(line.text, m.start, m.end);
      if (problem)
        problems.add(`${ref}: the span labelled "${m.label}" cannot be placed: ${problem}.`);
      else marks.push({ kind: "span", label: m.label, start: m.start, end: m.end });
    }
    tasks.push({
      ref,
      externalId: line.id === null || line.id === undefined ? null : String(line.id),
      text: line.text,
      title: null,
      // An example nobody labelled is still a text to bring in, with no annotation.
      annotations: marks.length > 0 ? [{ annotator, marks }] : [],
    });
  }
  if (all.length === 0 && !problems.any) problems.add("The file has no records.");
  problems.throwIfAny("This doccano export");
  return {
    format: "doccano",
    tasks,
    notImported: relations > 0 ? [`${relations} relations (only labels are imported)`] : [],
  };
}
