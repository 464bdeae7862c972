const LOG_TAIL_LINES = 40;

/**
 * Keeps the last PostgreSQL log lines, because the package reports a failed
 * start without its reason: error messages quote them, and startFailure
 * (errors.ts) reads the cause from them. Forwards every line when asked.
 */
export class LogTail {
  private lines: string[] = [];
  constructor(private readonly forward?: (line: string) => void) {}

  push(chunk: string): void {
    for (const raw of chunk.split(/\r?\n/)) {
      const line = raw.trimEnd();
      if (!line) continue;
      this.lines.push(line);
      if (this.lines.length > LOG_TAIL_LINES) this.lines.shift();
      this.forward?.(line);
    }
  }

  text(): string {
    return this.lines.join("\n");
  }

  formatTail(): string {
    return this.lines.length
      ? `\n\nLast PostgreSQL log lines:\n${this.lines.map((l) => `  ${l}`).join("\n")}`
      : "";
  }
}
