/** 1: the next text starts a new line; 2: it starts a new paragraph. */
export type BreakLevel = 1 | 2;

/**
 * Accumulates plain text from a walk over markup (HTML elements or Markdown
 * tokens). Breaks are requested, not written: consecutive requests merge into
 * the strongest, and breaks before the first or after the last text vanish,
 * so the walkers can ask for a paragraph break at every block boundary
 * without producing runs of blank lines.
 */
export class PlainTextBuilder {
  #out = "";
  #pendingBreak = 0;
  #pendingSpace = false;
  #prefix = "";
  #atLineStart = true;

  /**
   * Inline text. Whitespace collapses as it does when a browser renders it;
   * no-break spaces too, because `<p>&nbsp;</p>` spacers must not become
   * paragraphs and plain text has no line wrapping for them to prevent.
   */
  text(value: string): void {
    const collapsed = value.replace(/[\t\n\f\r \u00a0]+/g, " ");
    if (collapsed === "") return;
    if (collapsed === " ") {
      if (!this.#atLineStart && this.#pendingBreak === 0) this.#pendingSpace = true;
      return;
    }
    const leading = collapsed.startsWith(" ");
    const trailing = collapsed.endsWith(" ");
    const word = collapsed.slice(
      leading ? 1 : 0,
      trailing ? collapsed.length - 1 : collapsed.length,
    );
    const lineStart = this.#beginContent();
    if (!lineStart && (leading || this.#pendingSpace)) this.#out += " ";
    this.#out += word;
    this.#pendingSpace = trailing;
  }

  /** Preformatted text (code), kept line for line. */
  raw(value: string): void {
    if (value === "") return;
    const lineStart = this.#beginContent();
    if (!lineStart && this.#pendingSpace) this.#out += " ";
    this.#out += value;
    this.#pendingSpace = false;
    this.#atLineStart = value.endsWith("\n");
  }

  /** `<br>`: two in a row make a blank line, as they look on the page. */
  lineBreak(): void {
    this.#pendingBreak = Math.min(2, this.#pendingBreak + 1);
  }

  blockBreak(level: BreakLevel): void {
    this.#pendingBreak = Math.max(this.#pendingBreak, level);
  }

  /** A list marker for the next line; dropped if the line never gets text. */
  prefix(marker: string): void {
    this.#prefix = marker;
  }

  toString(): string {
    return this.#out;
  }

  /** Writes any pending break and prefix; says whether the text starts a line. */
  #beginContent(): boolean {
    if (this.#pendingBreak > 0) {
      if (this.#out !== "") this.#out += "\n".repeat(this.#pendingBreak);
      this.#pendingBreak = 0;
      this.#atLineStart = true;
    }
    if (!this.#atLineStart) return false;
    this.#out += this.#prefix;
    this.#prefix = "";
    this.#atLineStart = false;
    this.#pendingSpace = false;
    return true;
  }
}
