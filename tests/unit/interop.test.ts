import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import {
  SKIP,
  detectForeignFormat,
  mappingProblems,
  offsetMap,
  parseDoccano,
  parseForeignExport,
  parseLabelStudio,
  placeMarks,
  proposeLabel,
  proposeMember,
  summarize,
  type ForeignMark,
  type PlacedSentence,
} from "@/lib/domain/interop";
import { isLabel } from "@/lib/domain/annotation/labels";
import { normalizeText, segmentSentences } from "@/lib/domain/text";

const FIXTURES = path.resolve(__dirname, "../fixtures/interop");
const read = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.code === "VALIDATION") return error.message;
    throw error;
  }
  throw new Error("expected a VALIDATION error");
}

describe("reading a Label Studio JSON export", () => {
  const file = parseLabelStudio(read("label-studio-export.json"));

  it("reads text tasks, their annotators and choices/labels results", () => {
    expect(file.format).toBe("label-studio");
    expect(file.tasks.map((t) => t.externalId)).toEqual(["101", "102"]);
    expect(file.tasks[0]?.title).toBe("Dam breach");
    const [alice, bob] = file.tasks[0]?.annotations ?? [];
    expect(alice?.annotator).toEqual({
      key: "email:alice@example.org",
      email: "alice@example.org",
      name: "Alice Ahn",
      externalId: "2",
    });
    expect(alice?.marks.map((m) => m.label)).toEqual(["Fact (sourced)", "Claim", "Opinion"]);
    expect(bob?.annotator.key).toBe("email:bob@example.org");
    // completed_by as a bare user id, the JSON export's usual form.
    expect(file.tasks[1]?.annotations[0]?.annotator).toMatchObject({
      key: "label-studio:4",
      externalId: "4",
      email: null,
    });
    expect(file.tasks[1]?.annotations[0]?.marks).toEqual([
      { kind: "choice", label: "Fact (sourced)" },
    ]);
  });

  it("says what it leaves out: predictions, cancelled annotations, other result types", () => {
    expect(file.notImported).toEqual([
      "1 predictions (only annotations are imported)",
      "1 cancelled (skipped) annotations",
      '1 results of type "textarea"',
    ]);
  });

  it("summarises labels with counts and proposes ours", () => {
    const summary = summarize(file);
    expect(summary.labels).toEqual([
      { name: "Claim", choices: 0, spans: 2, proposed: "UNVERIFIED_CLAIM" },
      { name: "Fact (sourced)", choices: 1, spans: 1, proposed: "SOURCED_FACT" },
      { name: "Opinion", choices: 0, spans: 2, proposed: "OPINION" },
    ]);
    expect(summary.annotators.map((a) => [a.key, a.annotations])).toEqual([
      ["email:alice@example.org", 1],
      ["email:bob@example.org", 1],
      ["label-studio:4", 1],
    ]);
  });

  it("accepts code-point offsets when the span's text shows that is what they are", () => {
    const text = "🔥 Fire. Then rain.";
    const task = (start: number, end: number) =>
      JSON.stringify([
        {
          id: 1,
          data: { text },
          annotations: [
            {
              completed_by: 1,
              result: [{ type: "labels", value: { start, end, text: "Fire.", labels: ["X"] } }],
            },
          ],
        },
      ]);
    // UTF-16: "Fire." is at 3–8; in code points at 2–7.
    expect(parseLabelStudio(task(3, 8)).tasks[0]?.annotations[0]?.marks[0]).toMatchObject({
      start: 3,
      end: 8,
    });
    expect(parseLabelStudio(task(2, 7)).tasks[0]?.annotations[0]?.marks[0]).toMatchObject({
      start: 3,
      end: 8,
    });
    expect(refusal(() => parseLabelStudio(task(9, 14)))).toMatch(
      /is not what the text has at 9–14/,
    );
  });

  it("refuses broken JSON, a non-array, a task without text and a span outside the text", () => {
    expect(refusal(() => parseLabelStudio('[{"id": 1, "data": '))).toMatch(/not valid JSON/);
    expect(refusal(() => parseLabelStudio('{"id": 1}'))).toMatch(/array of tasks/);
    expect(refusal(() => parseLabelStudio('[{"id": 1, "data": {"image": "x.png"}}]'))).toMatch(
      /Task 1: has no text in data.text/,
    );
    const outside = JSON.stringify([
      {
        data: { text: "Short." },
        annotations: [
          {
            completed_by: 1,
            result: [{ type: "labels", value: { start: 2, end: 40, labels: ["X"] } }],
          },
        ],
      },
    ]);
    expect(refusal(() => parseLabelStudio(outside))).toMatch(
      /2–40 is outside the text \(6 characters\)/,
    );
  });
});

describe("reading a doccano JSONL export", () => {
  it("reads sequence labelling, with the annotator from the file name", () => {
    const file = parseDoccano(read("doccano/carol.jsonl"), "carol.jsonl");
    expect(file.tasks).toHaveLength(2);
    expect(file.tasks[0]?.annotations[0]?.annotator).toEqual({
      key: "doccano:carol",
      email: null,
      name: "carol",
      externalId: "carol",
    });
    expect(file.tasks[0]?.annotations[0]?.marks).toEqual([
      { kind: "span", label: "SOURCED", start: 0, end: 66 },
      { kind: "span", label: "OPINION", start: 91, end: 99 },
    ]);
  });

  it("reads text classification; an unlabelled example is a text without annotations", () => {
    const file = parseDoccano(read("doccano/dave.jsonl"), "exports/dave.jsonl");
    expect(file.tasks.map((t) => t.annotations[0]?.marks ?? [])).toEqual([
      [{ kind: "choice", label: "opinion" }],
      [{ kind: "choice", label: "fact" }],
      [],
    ]);
  });

  it("reads `entities` objects and names nobody for a collaborative all.jsonl", () => {
    const line = JSON.stringify({
      text: "Google was founded in 1998.",
      entities: [{ id: 0, start_offset: 0, end_offset: 6, label: "ORG" }],
      relations: [{ id: 0, from_id: 0, to_id: 0, type: "self" }],
    });
    const file = parseDoccano(line, "all.jsonl");
    expect(file.tasks[0]?.annotations[0]?.annotator.key).toBe("doccano:all");
    expect(file.tasks[0]?.annotations[0]?.marks).toEqual([
      { kind: "span", label: "ORG", start: 0, end: 6 },
    ]);
    expect(file.notImported).toEqual(["1 relations (only labels are imported)"]);
  });

  it("refuses a bad line and a span out of range, naming the line", () => {
    expect(refusal(() => parseDoccano('{"text": "A."}\n{"text": ', "x.jsonl"))).toMatch(
      /Line 2 is not valid JSON/,
    );
    expect(
      refusal(() => parseDoccano('{"text": "Short.", "label": [[0, 99, "TAG"]]}', "x.jsonl")),
    ).toMatch(/Line 1: the span labelled "TAG" cannot be placed: 0–99 is outside the text/);
    expect(refusal(() => parseDoccano('{"label": ["x"]}', "x.jsonl"))).toMatch(/Line 1: text/);
  });
});

describe("detecting the tool", () => {
  it("tells Label Studio's task array from doccano's lines and JSON records", () => {
    expect(detectForeignFormat(read("label-studio-export.json"))).toBe("label-studio");
    expect(detectForeignFormat(read("doccano/carol.jsonl"))).toBe("doccano");
    expect(detectForeignFormat('[{"id": 1, "text": "A.", "label": ["x"]}]')).toBe("doccano");
    expect(parseForeignExport('[{"text": "A.", "label": ["x"]}]', "eve.json").format).toBe(
      "doccano",
    );
  });
});

describe("the mapping", () => {
  it("proposes our labels from their names and leaves the rest to the owner", () => {
    expect(proposeLabel("NOT_A_CLAIM")).toBe("NOT_A_CLAIM");
    expect(proposeLabel("not a claim")).toBe("NOT_A_CLAIM");
    expect(proposeLabel("Rumour")).toBe("UNVERIFIED_CLAIM");
    expect(proposeLabel("subjective")).toBe("OPINION");
    expect(proposeLabel("fact")).toBe("SOURCED_FACT");
    expect(proposeLabel("PERSON")).toBeNull();
  });

  it("proposes the member with the same email, or the one username", () => {
    const members = [
      { userId: "u1", email: "alice@example.org", name: "Alice" },
      { userId: "u2", email: "carol@news.example", name: "Carol C" },
    ];
    const person = (p: Partial<{ email: string; externalId: string }>) => ({
      key: "k",
      name: null,
      email: p.email ?? null,
      externalId: p.externalId ?? null,
    });
    expect(proposeMember(person({ email: "alice@example.org" }), members)).toBe("u1");
    expect(proposeMember(person({ email: "bob@example.org" }), members)).toBeNull();
    expect(proposeMember(person({ externalId: "carol" }), members)).toBe("u2");
    expect(proposeMember(person({ externalId: "4" }), members)).toBeNull();
  });

  it("names every label and annotator the mapping leaves undecided", () => {
    const summary = summarize(parseLabelStudio(read("label-studio-export.json")));
    const problems = mappingProblems(
      summary,
      {
        labels: { Claim: "UNVERIFIED_CLAIM", Opinion: SKIP },
        annotators: { "email:alice@example.org": "m1", "email:bob@example.org": "stranger" },
      },
      new Set(["m1"]),
    );
    expect(problems).toEqual([
      'Map these labels to a Sourcelight label or leave them out: "Fact (sourced)".',
      "Annotator Bob <bob@example.org> is mapped to someone who is not a member of this project.",
      "Choose a project member for annotator #4, or leave their work out.",
    ]);
  });
});

describe("placing labels on sentences", () => {
  const text = "The mayor said roads were closed. Critics called it absurd. Nobody knows why.";
  const sentences: PlacedSentence[] = segmentSentences(text).map((s) => ({
    ...s,
    isBoilerplate: false,
  }));
  const map = offsetMap(text, text);
  const at = (s: string, label: string): ForeignMark => {
    const start = text.indexOf(s);
    return { kind: "span", label, start, end: start + s.length };
  };
  const place = (marks: ForeignMark[]) => {
    if (!map) throw new Error("no map");
    return placeMarks({
      marks,
      sentences,
      map,
      labelFor: (l) => (isLabel(l) ? l : null),
    });
  };

  it("labels a sentence a span lies inside, and each sentence a span covers half of", () => {
    expect(sentences).toHaveLength(3);
    const inside = place([at("absurd", "OPINION")]);
    expect([...inside.labels]).toEqual([[1, "OPINION"]]);
    const across = place([at("Critics called it absurd. Nobody", "OPINION")]);
    expect([...across.labels]).toEqual([[1, "OPINION"]]);
    const both = place([at("Critics called it absurd. Nobody knows", "OPINION")]);
    expect([...both.labels]).toEqual([
      [1, "OPINION"],
      [2, "OPINION"],
    ]);
  });

  it("lets a span win over a choice on the whole text, and counts a conflict", () => {
    const placed = place([
      { kind: "choice", label: "SOURCED_FACT" },
      at("absurd", "OPINION"),
      at("Critics called", "UNVERIFIED_CLAIM"),
      { kind: "choice", label: "skip" },
    ]);
    expect(Object.fromEntries(placed.labels)).toEqual({
      0: "SOURCED_FACT",
      1: "UNVERIFIED_CLAIM",
      2: "SOURCED_FACT",
    });
    expect(placed.conflicts).toBe(1);
  });

  it("carries offsets of the file's text over normalisation (CRLF, trailing spaces, blank lines)", () => {
    const raw = "\uFEFFFirst line.  \r\n\r\n\r\nSecond line.\r";
    const normalized = normalizeText(raw);
    expect(normalized).toBe("First line.\n\nSecond line.");
    const m = offsetMap(raw, normalized);
    const start = raw.indexOf("Second");
    expect(m && normalized.slice(m[start], m[start + "Second line.".length])).toBe("Second line.");
    // NFC composition changes the text: no alignment.
    expect(offsetMap("Cafe\u0301.", normalizeText("Cafe\u0301."))).toBeNull();
  });
});
