import { countTable, krippendorffAlpha } from "@/lib/domain/agreement";
import { describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import {
  datasetLineSchema,
  exportOptionsSchema,
  ExportStats,
  assignSplit,
  csvCell,
  csvHeader,
  csvSentenceRows,
  datasetCard,
  exportOptionsInput,
  exportOptionsQuery,
  JsonlWriter,
  majorityLabel,
  pseudonym,
  sentenceAgreement,
  w3cAnnotations,
  type ExportSentence,
  type IdentityMode,
  type RegistrySource,
  type SplitName,
} from "@/lib/domain/export";
import { CodePointIndex } from "@/lib/domain/text";

const TEXT = "Headline\n\nThe army said it advanced, officials said. Critics disagreed.";
const start = TEXT.indexOf("The army");
const end = TEXT.indexOf("Critics") - 1;

function sentence(overrides: Partial<ExportSentence> = {}): ExportSentence {
  return {
    document: {
      id: "d1",
      contentHash: "abc",
      title: "Headline",
      byline: null,
      publisher: null,
      publishedAt: "2024-05-01",
      sourceUrl: null,
      metadataJson: '{"feed":"wire"}',
      codePoints: new CodePointIndex(TEXT),
    },
    id: "s1",
    index: 1,
    start,
    end,
    text: TEXT.slice(start, end),
    isBoilerplate: false,
    adjudication: null,
    annotations: [
      {
        id: "a1",
        annotator: { id: "u1", name: "Ann", email: "ann@example.org" },
        label: "SOURCED_FACT",
        credibility: 2,
        sourceText: "officials",
        sourceStart: TEXT.indexOf("officials"),
        sourceEnd: TEXT.indexOf("officials") + 9,
        source: null,
        sourceGrade: null,
        sourceType: "OFFICIAL_BODY",
        note: null,
        unsure: false,
        createdAt: "2024-05-02T10:00:00.000Z",
        updatedAt: "2024-05-02T10:00:00.000Z",
      },
      {
        id: "a2",
        annotator: { id: "u2", name: "Ben", email: "ben@example.org" },
        label: "OPINION",
        credibility: null,
        sourceText: null,
        sourceStart: null,
        sourceEnd: null,
        source: null,
        sourceGrade: null,
        sourceType: null,
        note: "+1 hmm",
        unsure: true,
        createdAt: "2024-05-02T11:00:00.000Z",
        updatedAt: "2024-05-02T11:00:00.000Z",
      },
    ],
    ...overrides,
  };
}

describe("CSV cells", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+SUM(A1)", "'+SUM(A1)"],
    ["-2", "'-2"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\rx", '"\'\rx"'],
    ['say "hi", then', '"say ""hi"", then"'],
    ["line\nbreak", '"line\nbreak"'],
    ["plain", "plain"],
  ])("writes %j as %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("leaves numbers, booleans and empty values alone", () => {
    expect([csvCell(-3), csvCell(true), csvCell(null)]).toEqual(["-3", "true", ""]);
  });

  it("writes rows a CSV parser reads back, one per annotation", () => {
    const csv =
      csvHeader() +
      csvSentenceRows(sentence(), { identity: "emails", projectId: "p", split: "train" });
    const rows = parseCsv<Record<string, string>>(csv, { columns: true });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      annotator: "Ann",
      annotator_email: "ann@example.org",
      split: "train",
      sentence_agreement: "0",
      label: "SOURCED_FACT",
    });
    expect(rows[1]?.note).toBe("'+1 hmm");
  });
});

describe("labels and agreement", () => {
  it("takes the majority, and none on a tie", () => {
    expect(majorityLabel(["OPINION", "OPINION", "SOURCED_FACT"])).toBe("OPINION");
    expect(majorityLabel(["OPINION", "SOURCED_FACT"])).toBeNull();
    expect(majorityLabel([])).toBeNull();
  });

  it("measures the share of agreeing pairs", () => {
    expect(sentenceAgreement(["OPINION"])).toBeNull();
    expect(sentenceAgreement(["OPINION", "OPINION"])).toBe(1);
    expect(sentenceAgreement(["OPINION", "OPINION", "SOURCED_FACT"])).toBeCloseTo(1 / 3);
  });
});

describe("splits and pseudonyms", () => {
  const p = { seed: 3, train: 80, validation: 10, test: 10 };
  it("assigns each document the same split every time, in about the asked proportions", () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `doc-${i}`);
    const first = keys.map((k) => assignSplit(k, p));
    expect(keys.map((k) => assignSplit(k, p))).toEqual(first);
    const train = first.filter((s) => s === "train").length / keys.length;
    expect(train).toBeGreaterThan(0.77);
    expect(train).toBeLessThan(0.83);
    expect(keys.map((k) => assignSplit(k, { ...p, seed: 4 }))).not.toEqual(first);
    expect(
      keys.every((k) => assignSplit(k, { seed: 1, train: 0, validation: 0, test: 1 }) === "test"),
    ).toBe(true);
  });

  it("gives a user a stable pseudonym per project that differs between projects", () => {
    expect(pseudonym("p1", "u1")).toBe(pseudonym("p1", "u1"));
    expect(pseudonym("p1", "u1")).not.toBe(pseudonym("p2", "u1"));
    expect(pseudonym("p1", "u1")).toMatch(/^annotator-[0-9a-f]{12}$/);
  });
});

describe("JSONL", () => {
  it("writes one parseable line that the re-import schema accepts", () => {
    const line = new JsonlWriter({ identity: "emails", projectId: "p" }).line(sentence(), {
      split: null,
      documentText: TEXT,
    });
    expect(line.endsWith("\n")).toBe(true);
    expect(line.trimEnd()).not.toContain("\n");
    const parsed = datasetLineSchema.parse(JSON.parse(line));
    expect(parsed.document.metadata).toEqual({ feed: "wire" });
    expect(parsed.annotations.map((a) => a.annotator.email)).toEqual([
      "ann@example.org",
      "ben@example.org",
    ]);
    expect(parsed.document.text?.slice(parsed.sentence.start, parsed.sentence.end)).toBe(
      parsed.sentence.text,
    );
  });

  it("writes exactly JSON.stringify of the documented record, document after document", () => {
    // The record's shape as the format documents it, built the plain way; the writer must match it byte for byte.
    const person = (identity: IdentityMode, p: { id: string; name: string; email: string }) =>
      identity === "pseudonyms"
        ? { name: pseudonym("p", p.id), email: null }
        : { name: p.name, email: identity === "emails" ? p.email : null };
    const registry = (identity: IdentityMode, r: RegistrySource | null) =>
      r
        ? {
            name: r.name,
            type: r.type,
            aliases: r.aliases,
            affiliation: r.affiliation,
            side: r.side,
            description: r.description,
            grade: r.grade
              ? {
                  value: r.grade.value,
                  rationale: r.grade.rationale,
                  by: r.grade.by ? person(identity, r.grade.by) : null,
                  at: r.grade.at,
                }
              : null,
          }
        : null;
    const record = (
      x: ExportSentence,
      identity: IdentityMode,
      split: SplitName | null,
      text: string | null,
    ) => {
      const labels = x.annotations.map((a) => a.label);
      const gold = x.adjudication?.status === "RESOLVED" ? x.adjudication.label : null;
      const majority = majorityLabel(labels);
      const observed = sentenceAgreement(labels);
      return {
        document: {
          id: x.document.id,
          title: x.document.title,
          byline: x.document.byline,
          publisher: x.document.publisher,
          published_at: x.document.publishedAt,
          source_url: x.document.sourceUrl,
          metadata: JSON.parse(x.document.metadataJson) as unknown,
          text,
        },
        sentence: {
          index: x.index,
          start: x.start,
          end: x.end,
          start_cp: x.document.codePoints.toCodePoint(x.start),
          end_cp: x.document.codePoints.toCodePoint(x.end),
          text: x.text,
          is_boilerplate: x.isBoilerplate,
        },
        ...(split ? { split } : {}),
        gold_label: gold,
        gold_credibility: gold ? (x.adjudication?.credibility ?? null) : null,
        label: gold ?? majority,
        label_origin: gold ? "gold" : majority ? "majority" : "none",
        adjudication: x.adjudication
          ? {
              status: x.adjudication.status,
              label: x.adjudication.label,
              credibility: x.adjudication.credibility,
              source_text: x.adjudication.sourceText,
              source: registry(identity, x.adjudication.source),
              note: x.adjudication.note,
              reviewer: person(identity, x.adjudication.reviewer),
              created_at: x.adjudication.createdAt,
              updated_at: x.adjudication.updatedAt,
            }
          : null,
        annotations: x.annotations.map((a) => ({
          annotator: person(identity, a.annotator),
          label: a.label,
          credibility: a.credibility,
          source_text: a.sourceText,
          source_start: a.sourceStart,
          source_end: a.sourceEnd,
          source_start_cp:
            a.sourceStart === null ? null : x.document.codePoints.toCodePoint(a.sourceStart),
          source_end_cp:
            a.sourceEnd === null ? null : x.document.codePoints.toCodePoint(a.sourceEnd),
          source: registry(identity, a.source),
          ...(identity === "pseudonyms" ? {} : { source_grade: a.sourceGrade }),
          source_type: a.sourceType,
          note: a.note,
          unsure: a.unsure,
          created_at: a.createdAt,
          updated_at: a.updatedAt,
        })),
        agreement: {
          annotators: labels.length,
          observed: observed === null ? null : Math.round(observed * 10_000) / 10_000,
        },
      };
    };
    const iraqi: RegistrySource = {
      name: 'Iraqi "army"',
      type: "MILITARY",
      aliases: ["IA", "جيش"],
      affiliation: null,
      side: "pro-government",
      description: 'The "official" line',
      grade: {
        value: "B",
        rationale: "Usually right\non casualty figures",
        by: { id: "u9", name: "Rev", email: "rev@example.org" },
        at: "2024-05-03T09:00:00.000Z",
      },
    };
    const unsettled: RegistrySource = {
      ...iraqi,
      name: "PMU",
      side: null,
      description: "",
      grade: null,
    };
    const other = {
      ...sentence().document,
      id: "d2",
      title: "Zweiter\nTitel",
      byline: "By \u2028 Jo",
      publisher: "Wire",
      sourceUrl: "https://example.org/?a=1&b=\\",
      metadataJson: '{"n":[1,2],"x":null}',
    };
    const cases: Array<[ExportSentence, string | null]> = [
      [sentence(), TEXT],
      [
        sentence({
          index: 2,
          text: 'Crit\u00e9 "quoted"\tand\u0007 \ud83d\ude00',
          annotations: [],
        }),
        null,
      ],
      [
        sentence({
          index: 3,
          isBoilerplate: true,
          adjudication: {
            status: "RESOLVED",
            label: "OPINION",
            credibility: 6,
            sourceText: "army",
            source: iraqi,
            note: "settled",
            reviewer: { id: "u9", name: "Rev", email: "rev@example.org" },
            createdAt: "2024-05-03T10:00:00.000Z",
            updatedAt: "2024-05-03T11:00:00.000Z",
          },
          annotations: [
            {
              ...sentence().annotations[0]!,
              source: iraqi,
              sourceGrade: { value: "F", rationale: "" },
            },
            ...sentence().annotations.slice(1),
            {
              ...sentence().annotations[0]!,
              id: "a3",
              credibility: 5,
              source: unsettled,
              sourceGrade: { value: "C", rationale: 'says "often"' },
              annotator: { id: "u3", name: "Cy", email: "cy@example.org" },
            },
          ],
        }),
        null,
      ],
      [
        sentence({
          document: other,
          adjudication: {
            status: "OPEN",
            label: null,
            credibility: 3,
            sourceText: null,
            source: null,
            note: null,
            reviewer: { id: "u9", name: "Rev", email: "rev@example.org" },
            createdAt: "2024-05-03T10:00:00.000Z",
            updatedAt: "2024-05-03T10:00:00.000Z",
          },
        }),
        "Other text",
      ],
    ];
    for (const identity of ["names", "emails", "pseudonyms"] as const) {
      for (const split of [null, "validation"] as const) {
        const writer = new JsonlWriter({ identity, projectId: "p" });
        for (const [x, text] of cases) {
          expect(writer.line(x, { split, documentText: text })).toBe(
            `${JSON.stringify(record(x, identity, split, text))}\n`,
          );
        }
      }
    }
  });

  it("shows pseudonyms without emails", () => {
    const line = new JsonlWriter({ identity: "pseudonyms", projectId: "p" }).line(sentence(), {
      split: null,
      documentText: null,
    });
    expect(line).not.toContain("ann@example.org");
    expect(line).not.toContain('"Ann"');
  });
});

describe("W3C Web Annotation", () => {
  it("anchors each annotation with quote and position selectors on the document text", () => {
    const items = w3cAnnotations(sentence(), {
      identity: "names",
      projectId: "p",
      documentText: TEXT,
    }) as Array<{
      target: {
        selector: [
          { exact: string; prefix: string; suffix: string },
          { start: number; end: number },
        ];
      };
      body: Array<{ purpose: string; value: string }>;
    }>;
    expect(items).toHaveLength(2);
    const [quote, position] = items[0]?.target.selector ?? [];
    expect(TEXT.slice(position?.start, position?.end)).toBe(quote?.exact);
    expect(TEXT.slice(0, position?.start).endsWith(quote?.prefix ?? "x")).toBe(true);
    expect(TEXT.slice(position?.end).startsWith(quote?.suffix ?? "x")).toBe(true);
    expect(items[0]?.body[0]).toEqual({
      type: "TextualBody",
      purpose: "classifying",
      value: "SOURCED_FACT",
    });
  });
});

describe("options", () => {
  it("round-trips through a query string", () => {
    const options = exportOptionsSchema.parse({
      format: "csv",
      split: "column",
      seed: 9,
      adjudicatedOnly: true,
      documents: ["0b6c2f0e-4e5e-4b8e-9a8e-3f1d2c4b5a6e"],
    });
    const again = exportOptionsSchema.parse(
      exportOptionsInput(new URLSearchParams(exportOptionsQuery(options))),
    );
    expect(again).toEqual(options);
    const withCard = exportOptionsSchema.parse({ format: "parquet", card: "on" });
    expect(withCard.card).toBe(true);
    expect(
      exportOptionsSchema.parse(
        exportOptionsInput(new URLSearchParams(exportOptionsQuery(withCard))),
      ),
    ).toEqual(withCard);
  });

  it("names what is wrong", () => {
    const r = exportOptionsSchema.safeParse({
      format: "xlsx",
      split: "column",
      train: 0,
      validation: 0,
      test: 0,
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(
      "Choose a format: jsonl, csv, w3c, parquet or label-studio.",
    );
    const zero = exportOptionsSchema.safeParse({
      format: "csv",
      split: "column",
      train: 0,
      validation: 0,
      test: 0,
    });
    expect(zero.error?.issues[0]?.message).toBe("The split proportions must not all be zero.");
  });
});

describe("dataset card", () => {
  it("has a YAML header with license, task, labels and sizes, and the counts", () => {
    const stats = new ExportStats();
    stats.add(sentence(), "train");
    stats.add(
      sentence({
        id: "s2",
        annotations: sentence().annotations.map((a) => ({ ...a, label: "OPINION" as const })),
      }),
      "test",
    );
    const card = datasetCard({
      projectName: "Floods",
      guidelines: "Tag what the source says.",
      format: "parquet",
      split: "files",
      identity: "names",
      files: [
        { split: "train", path: "data/train.parquet" },
        { split: "test", path: "data/test.parquet" },
      ],
      stats,
      generatedAt: "2024-06-01",
    });
    expect(card).toMatch(/^---\nlicense: other\n/);
    expect(card).toContain("task_categories:\n  - text-classification");
    expect(card).toContain("num_examples: 1");
    expect(card).toContain("Tag what the source says.");
    expect(card).toContain("1 documents, 2 sentences, 4 annotations by 2 annotators.");
    expect(card).toContain("Over 2 sentences with two or more annotators");
  });
});

describe("dataset card agreement", () => {
  it("equals the library's alpha on the same sentences, however many (packed counts grow as needed)", () => {
    const stats = new ExportStats();
    const rows: number[][] = [];
    const labels = ["SOURCED_FACT", "UNVERIFIED_CLAIM", "OPINION", "NOT_A_CLAIM"] as const;
    for (let i = 0; i < 3000; i++) {
      const pair = [labels[i % 4] ?? "OPINION", labels[(i * 7) % 3] ?? "OPINION"] as const;
      const base = sentence();
      stats.add(
        sentence({
          id: `s${i}`,
          annotations: base.annotations
            .slice(0, 2)
            .map((a, j) => ({ ...a, label: pair[j] ?? "OPINION" })),
        }),
        null,
      );
      rows.push(labels.map((l) => pair.filter((p) => p === l).length));
    }
    const expected = krippendorffAlpha(countTable(rows, 4));
    const got = stats.agreement();
    expect(got.units).toBe(3000);
    expect(expected.defined).toBe(true);
    expect(got.alpha).toBeCloseTo(expected.defined ? expected.value : NaN, 12);
  });
});
