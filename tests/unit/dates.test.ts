import { describe, expect, it } from "vitest";
import { parseDate } from "@/lib/domain/dates";

describe("parseDate: ISO 8601 (structured fields)", () => {
  it.each([
    ["2024-03-05", "2024-03-05"],
    ["  2024-03-05  ", "2024-03-05"],
    ["2024-03-05T14:30", "2024-03-05"],
    ["2024-03-05T14:30:59Z", "2024-03-05"],
    ["2024-03-05t14:30:59.123456z", "2024-03-05"],
    ["2024-03-05T23:30:00-05:00", "2024-03-05"],
    ["2024-03-05T00:30:00+1400", "2024-03-05"],
    ["2024-03-05 10:00:00 +0100", "2024-03-05"],
    ["2024-02-29", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
    ["2024-12-31T23:59:60Z", "2024-12-31"],
  ])("reads %j as %s", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    "", "2024", "2024-03", "20240305", "05/03/2024", "March 5, 2024", "2024-3-5", "2024-13-01",
    "2024-00-10", "2023-02-29", "1900-02-29", "2024-04-31", "2024-03-05T25:00", "2024-03-05T12:60",
    "2024-03-05T12:00+25:00", "0000-01-01", "2024-03-05T", "2024-03-05 garbage",
  ])("rejects %j", (input) => {
    expect(parseDate(input)).toBeUndefined();
  }); // prettier-ignore
});

describe("parseDate with prose: dates as written in article headers", () => {
  it.each([
    ["June 09, 2017", "2017-06-09"],
    ["June 9 2017", "2017-06-09"],
    ["8 June 2017", "2017-06-08"],
    ["Sept. 9, 2017", "2017-09-09"],
    ["Feb 29, 2016", "2016-02-29"],
    ["25th September 2017", "2017-09-25"],
    ["2017-06-09", "2017-06-09"],
  ])("%s → %s", (input, iso) => {
    expect(parseDate(input, { prose: true })).toBe(iso);
  });

  it.each([
    "Feb 29, 2017",
    "June 31, 2017",
    "Smarch 3, 2017",
    "2017-13-01",
    "yesterday",
    "June 2017",
  ])("rejects %s", (input) => {
    expect(parseDate(input, { prose: true })).toBeUndefined();
  });
});
