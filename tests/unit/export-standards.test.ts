import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parquetReadObjects } from "hyparquet";
import {
  ExportStats,
  JsonlWriter,
  ParquetSentenceWriter,
  SOURCELIGHT_CONTEXT,
  SOURCELIGHT_TERMS,
  W3C_EXPORT_CONTEXT,
  datasetCard,
  exportOptionsInput,
  exportOptionsSchema,
  w3cAnnotations,
  w3cClose,
  w3cOpen,
  type ExportSentence,
  type Feature,
  type IdentityMode,
} from "@/lib/domain/export";
import { CodePointIndex, sliceWhole } from "@/lib/domain/text";

// An emoji (two UTF-16 units, one code point) and Arabic (one unit per letter) before the quoted sentence.
const TEXT =
  "Report 😀\n\nقال الجيش 😀😀 إنه تقدم.\n\nThe army said it advanced 😀, officials said.";
const start = TEXT.indexOf("The army");
const end = TEXT.length;
const span = TEXT.indexOf("officials");

function sentence(): ExportSentence {
  const document = {
    id: "d1",
    contentHash: "h",
    title: "Report 😀",
    byline: null,
    publisher: null,
    publishedAt: null,
    sourceUrl: null,
    metadataJson: "{}",
    codePoints: new CodePointIndex(TEXT),
  };
  const source = {
    name: "The army",
    type: "MILITARY",
    aliases: ["الجيش"],
    affiliation: "Government",
    side: "pro-government",
    description: "Regular forces",
    grade: {
      value: "B" as const,
      rationale: "usually right",
      by: { id: "u9", name: "Rev", email: "rev@example.org" },
      at: "2024-01-01T00:00:00.000Z",
    },
  };
  return {
    document,
    id: "s1",
    index: 2,
    start,
    end,
    text: TEXT.slice(start, end),
    isBoilerplate: false,
    adjudication: {
      status: "RESOLVED",
      label: "SOURCED_FACT",
      credibility: 2,
      sourceText: "officials",
      source,
      note: null,
      reviewer: { id: "u9", name: "Rev", email: "rev@example.org" },
      createdAt: "2024-01-02T00:00:00.000Z",
      updatedAt: "2024-01-03T00:00:00.000Z",
    },
    annotations: [
      {
        id: "a1",
        annotator: { id: "u1", name: "Ann", email: "ann@example.org" },
        label: "SOURCED_FACT",
        credibility: 6,
        sourceText: "officials",
        sourceStart: span,
        sourceEnd: span + 9,
        source,
        sourceGrade: { value: "C", rationale: "mixed" },
        sourceType: null,
        note: "a note",
        unsure: false,
        createdAt: "2024-01-01T00:00:00.000Z",
        updatedAt: "2024-01-01T00:00:00.000Z",
      },
    ],
  };
}

describe("code-point offsets", () => {
  it("count what Python counts, after emoji and Arabic", () => {
    const index = new CodePointIndex(TEXT);
    const codePoints = [...TEXT];
    for (const offset of [0, 7, 9, start, span, end]) {
      const cp = index.toCodePoint(offset);
      // Python's text[:cp] is JavaScript's text.slice(0, offset).
      expect(codePoints.slice(0, cp).join("")).toBe(TEXT.slice(0, offset));
    }
    expect(start - index.toCodePoint(start)).toBe(3);
    expect(CodePointIndex.BMP_ONLY.toCodePoint(42)).toBe(42);
    expect(new CodePointIndex("قال الجيش").toCodePoint(5)).toBe(5);
  });

  it("never cut a surrogate pair when slicing context", () => {
    const t = "a😀b";
    expect(sliceWhole(t, 2, 4)).toBe("b");
    expect(sliceWhole(t, 0, 2)).toBe("a");
    expect(sliceWhole(t, 1, 3)).toBe("😀");
    expect(sliceWhole(t, -5, 99)).toBe(t);
  });
});

/** Every key of a JSON value, with the path of objects it sits in. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

// The terms of http://www.w3.org/ns/anno.jsonld that the export uses (the W3C context, not fetched here).
const W3C_TERMS = new Set([
  "@context",
  "id",
  "type",
  "label",
  "total",
  "first",
  "items",
  "partOf",
  "startIndex",
  "motivation",
  "creator",
  "created",
  "modified",
  "body",
  "target",
  "purpose",
  "value",
  "source",
  "selector",
  "exact",
  "prefix",
  "suffix",
  "start",
  "end",
  "name",
  "email",
]);

describe("W3C export to the standard", () => {
  const items = w3cAnnotations(sentence(), {
    identity: "emails",
    projectId: "p",
    documentText: TEXT,
  });
  const doc = JSON.parse(
    `${w3cOpen({ id: "p", name: "P" })}${items.map((i) => JSON.stringify(i)).join(",\n")}${w3cClose(items.length)}`,
  ) as {
    id: string;
    total: number;
    "@context": unknown;
    first: {
      id: string;
      partOf: string;
      items: Array<{
        motivation: string;
        created?: string;
        target: {
          selector: [
            { exact: string; prefix: string; suffix: string },
            { start: number; end: number },
          ];
        };
      }>;
    };
  };

  it("counts TextPositionSelector offsets in code points and keeps quote context whole", () => {
    const codePoints = [...TEXT];
    for (const item of doc.first.items) {
      const [quote, position] = item.target.selector;
      expect(codePoints.slice(position.start, position.end).join("")).toBe(quote.exact);
      for (const part of [quote.prefix, quote.suffix, quote.exact])
        expect(part).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
      expect(TEXT.slice(0, TEXT.indexOf(quote.exact)).endsWith(quote.prefix)).toBe(true);
    }
  });

  it("gives the collection and its page an id, and gold annotations a created time", () => {
    expect(doc.id).toBe("urn:sourcelight:project:p:annotations");
    expect(doc.first.id).toBe("urn:sourcelight:project:p:annotations:page:1");
    expect(doc.first.partOf).toBe(doc.id);
    expect(doc.total).toBe(2);
    const gold = doc.first.items.find((i) => i.motivation === "assessing");
    expect(gold?.created).toBe("2024-01-02T00:00:00.000Z");
  });

  it("defines a term for every field it uses, and only W3C or Sourcelight terms appear", () => {
    expect(doc["@context"]).toEqual(W3C_EXPORT_CONTEXT);
    const defined = SOURCELIGHT_CONTEXT["@context"];
    const used = keysOf({ ...doc, "@context": undefined });
    const undefinedKeys = [...used].filter((k) => !W3C_TERMS.has(k) && !(k in defined));
    expect(undefinedKeys).toEqual([]);
    const sourcelightUsed = [...used].filter((k) => !W3C_TERMS.has(k));
    expect(sourcelightUsed.sort()).toEqual([...SOURCELIGHT_TERMS].sort());
    // Sourcelight redefines none of the W3C model's terms.
    expect(SOURCELIGHT_TERMS.filter((t) => W3C_TERMS.has(t))).toEqual([]);
    for (const term of SOURCELIGHT_TERMS) {
      const def: unknown = defined[term as keyof typeof defined];
      const iri = typeof def === "string" ? def : (def as { "@id": string })["@id"];
      expect(iri, term).toMatch(/^(sl:|http:\/\/purl\.org\/dc\/terms\/)/);
    }
  });
});

/** The field names of a feature list, nested as paths. */
function featurePaths(features: Feature[], prefix = ""): string[] {
  return features.flatMap((f) => {
    const p = `${prefix}${f.name}`;
    const inner = f.struct ?? f.list;
    return [p, ...(inner ? featurePaths(inner, `${p}.`) : [])];
  });
}

function jsonPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.length > 0 ? jsonPaths(value[0], prefix) : [];
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const p = `${prefix}${k}`;
    // metadata is free-form: the card declares it as one JSON field.
    return [p, ...(k === "metadata" ? [] : jsonPaths(v, `${p}.`))];
  });
}

function cardHeader(
  format: "jsonl" | "csv" | "parquet",
  split: "none" | "column",
  identity: IdentityMode,
) {
  const stats = new ExportStats();
  stats.add(sentence(), split === "none" ? null : "train");
  const card = datasetCard({
    projectName: "P",
    guidelines: "",
    format,
    split,
    identity,
    files: [{ split: "all", path: `data/all.${format}` }],
    stats,
    generatedAt: "2024-06-01",
  });
  const yaml = card.split("---\n")[1] ?? "";
  return {
    card,
    header: parseYaml(yaml) as { dataset_info: { features: Feature[] } },
  };
}

describe("dataset card", () => {
  it("lists exactly the fields of the JSONL line beside it, with and without a split and annotator grades", () => {
    for (const identity of ["emails", "pseudonyms"] as const) {
      for (const split of ["none", "column"] as const) {
        const line = new JsonlWriter({ identity, projectId: "p" }).line(sentence(), {
          split: split === "none" ? null : "train",
          documentText: TEXT,
        });
        const { header } = cardHeader("jsonl", split, identity);
        expect(featurePaths(header.dataset_info.features).sort()).toEqual(
          jsonPaths(JSON.parse(line)).sort(),
        );
      }
    }
  });

  it("lists exactly the columns of the Parquet file beside it, and where its grades are, by identity", async () => {
    for (const identity of ["names", "emails", "pseudonyms"] as const) {
      for (const split of ["none", "column"] as const) {
        const writer = new ParquetSentenceWriter({ withSplit: split !== "none", identity });
        const head = writer.header();
        const group = writer.add(sentence(), split === "none" ? null : "train");
        const tail = writer.finish();
        const bytes = new Uint8Array(head.length + (group?.length ?? 0) + tail.length);
        bytes.set(head);
        if (group) bytes.set(group, head.length);
        bytes.set(tail, head.length + (group?.length ?? 0));
        const [row] = (await parquetReadObjects({ file: bytes.buffer })) as Array<
          Record<string, unknown>
        >;
        const { header, card } = cardHeader("parquet", split, identity);
        expect(header.dataset_info.features.map((f) => f.name).sort()).toEqual(
          Object.keys(row ?? {}).sort(),
        );
        if (identity === "pseudonyms") {
          expect(row).not.toHaveProperty("annotator_source_grades");
          expect(card).toContain("no `annotator_source_grades` column");
        } else {
          expect(JSON.parse(String(row?.annotator_source_grades))).toEqual([
            { value: "C", rationale: "mixed" },
          ]);
          expect(card).toContain("`annotator_source_grades`, a JSON array in the same order");
        }
        expect(row).toMatchObject({
          annotator_sources: '["The army"]',
          annotator_source_settled_grades: '["B"]',
        });
        for (const column of ["annotator_sources", "annotator_source_settled_grades"])
          expect(card).toContain(`\`${column}\``);
      }
    }
  });

  it("says, for every format, where its grades are, and names no annotator's grade when pseudonymous", () => {
    for (const format of ["jsonl", "csv", "parquet", "w3c", "label-studio"] as const) {
      const stats = new ExportStats();
      stats.add(sentence(), null);
      const card = (identity: IdentityMode) =>
        datasetCard({
          projectName: "P",
          guidelines: "",
          format,
          split: "none",
          identity,
          files: [{ split: "all", path: "data/all" }],
          stats,
          generatedAt: "2024-06-01",
        });
      expect(card("names")).toContain("In this file:");
      expect(card("pseudonyms")).toContain(
        "this export does not name the annotators, so it leaves their own grades out",
      );
      expect(card("emails")).not.toContain("this export does not name the annotators");
    }
  });

  it("declares label as a class label with its names, and states the offset unit and the grade scales", () => {
    const { header, card } = cardHeader("parquet", "column", "names");
    const labelFeature = header.dataset_info.features.find((f) => f.name === "label");
    expect(labelFeature?.dtype).toEqual({
      class_label: {
        names: { "0": "SOURCED_FACT", "1": "UNVERIFIED_CLAIM", "2": "OPINION", "3": "NOT_A_CLAIM" },
      },
    });
    expect(header.dataset_info.features.map((f) => f.name)).toContain("split");
    expect(card).toContain("`start_cp`/`end_cp` count Unicode code points");
    expect(card).toContain("**F** and **6** mean *cannot be judged*");
    expect(
      cardHeader("parquet", "none", "names").header.dataset_info.features.map((f) => f.name),
    ).not.toContain("split");
  });
});

describe("export options", () => {
  it("refuse unknown or misspelt options, naming them and the accepted names", () => {
    const r = exportOptionsSchema.safeParse(
      exportOptionsInput(new URLSearchParams("format=csv&adjudicated_only=true")),
    );
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(
      'Unknown export option "adjudicated_only": the options are format, document, adjudicatedOnly, includeBoilerplate, identity, split, seed, train, validation, test, bom, card.',
    );
  });
});
