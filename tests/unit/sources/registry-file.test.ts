import { describe, expect, it } from "vitest";
import { parseCsv, parseRegistryFile, registryCsv } from "@/lib/domain/sources";

describe("registry CSV", () => {
  it("reads RFC 4180 fields: quoted commas, doubled quotes, line breaks, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""no""\nplease"\r\n\r\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "no"\nplease'],
    ]);
    expect(parseCsv('a,"open')).toEqual({
      error: "A quoted field is never closed (a missing closing quote).",
    });
  });

  it("re-reads its own export, formula guard and aliases included", () => {
    const csv = registryCsv([
      {
        name: "-Dash News",
        aliases: ["DN", "=dash"],
        type: "MEDIA_OUTLET",
        affiliation: null,
        side: "neutral",
        description: "Line one\nline two, with a comma",
        grade: "B",
        rationale: 'Says "usually right"',
      },
    ]);
    expect(csv.split("\r\n")[1]?.startsWith("'-Dash News,DN|=dash,")).toBe(true);
    const { rows, errors } = parseRegistryFile(csv, "csv");
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        name: "-Dash News",
        aliases: ["DN", "=dash"],
        type: "MEDIA_OUTLET",
        affiliation: null,
        side: "neutral",
        description: "Line one\nline two, with a comma",
        grade: { value: "B", rationale: 'Says "usually right"' },
      },
    ]);
  });

  it("checks sides against the project's list and takes its spelling", () => {
    const file = "name,type,side\r\nA,MEDIA_OUTLET,Opposition\r\nB,MEDIA_OUTLET,rebel\r\n";
    const { rows, errors } = parseRegistryFile(file, "csv", ["pro-government", "opposition"]);
    expect(rows.map((r) => r.side)).toEqual(["opposition"]);
    expect(errors).toEqual([
      {
        row: 3,
        message: 'Unknown side "rebel": this project\'s sides are pro-government, opposition.',
      },
    ]);
  });

  it("refuses JSON that is not a list of source objects", () => {
    expect(parseRegistryFile('{"name":"x"}', "json").errors).toEqual([
      { row: 0, message: 'The JSON must be a list of sources, or { "sources": [ … ] }.' },
    ]);
    expect(
      parseRegistryFile('[{"name":"x","type":"MEDIA_OUTLET","colour":"red"}]', "json").errors[0],
    ).toMatchObject({ row: 1, message: expect.stringMatching(/^Unknown column "colour"/) });
    expect(parseRegistryFile("[]", "json").errors).toEqual([
      { row: 0, message: "The file holds no sources." },
    ]);
  });

  it("reads past the settled-grade history a JSON export carries, and only in JSON", () => {
    const exported = parseRegistryFile(
      '[{"name":"x","type":"MEDIA_OUTLET","grade":"B","rationale":"r","history":[{"grade":"D","rationale":"old","by":null,"at":"2024-01-01T00:00:00.000Z"}]}]',
      "json",
    );
    expect(exported.errors).toEqual([]);
    expect(exported.rows.map((r) => [r.name, r.grade])).toEqual([
      ["x", { value: "B", rationale: "r" }],
    ]);
    expect(
      parseRegistryFile("name,type,history\nx,MEDIA_OUTLET,\n", "csv").errors[0],
    ).toMatchObject({ row: 1, message: expect.stringMatching(/^Unknown column "history"/) });
  });
});
