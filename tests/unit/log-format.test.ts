import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const logFormatModule = path.resolve("scripts/lib/log-format.mjs");

/** Runs `code` in a fresh Node with the console sent through log-format.mjs. */
function logged(code: string, format: "text" | "json"): string[] {
  const script = `import { installConsole } from ${JSON.stringify(logFormatModule)}; installConsole(); ${code}`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, LOG_FORMAT: format },
    encoding: "utf8",
  });
  return `${run.stdout}${run.stderr}`.split("\n").filter((line) => line !== "");
}

describe("log lines", () => {
  it("writes an error with its stack as one JSON record with a timestamp", () => {
    const lines = logged(
      `const e = new Error("boom"); e.code = "E_TEST"; console.error("Unexpected error:", e);`,
      "json",
    );
    expect(lines).toHaveLength(1);
    const record: unknown = JSON.parse(lines[0] ?? "");
    expect(record).toMatchObject({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: "error",
      msg: "Unexpected error:",
      error: {
        name: "Error",
        message: "boom",
        code: "E_TEST",
        stack: expect.stringContaining("at "),
      },
    });
  });

  it("writes text records as one timestamped line each, however many lines the message had", () => {
    const lines = logged(
      `console.log("first\\nsecond"); console.error("failed:", new Error("boom")); console.log("");`,
      "text",
    );
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\S+Z (INFO|ERROR) /);
    expect(lines[0]).toContain("first | second");
    expect(lines[1]).toContain("failed: Error: boom | at ");
  });
});
