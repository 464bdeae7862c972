import "server-only";

/**
 * Collects text as UTF-8 in fixed-size byte buffers.
 *
 * Why not `out += line` and `Buffer.from(out)` now and then: the
 * concatenated string keeps every line (and the strings it was built from)
 * alive until the flush, long enough for V8 to promote them to the old
 * generation, where they stay as garbage until the next full collection.
 * Written straight into a buffer, each line can die young.
 */
export class Utf8Chunks {
  private buffer: Buffer;
  private used = 0;
  private readonly ready: Buffer[] = [];

  constructor(private readonly size = 64 * 1024) {
    this.buffer = Buffer.allocUnsafeSlow(size);
  }

  write(text: string): void {
    const room = this.size - this.used;
    // A UTF-16 unit is at most 3 UTF-8 bytes: most lines fit without measuring.
    if (text.length * 3 <= room) {
      this.used += this.buffer.write(text, this.used, "utf8");
      return;
    }
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes <= room) {
      this.used += this.buffer.write(text, this.used, "utf8");
      return;
    }
    this.seal();
    if (bytes > this.size) this.ready.push(Buffer.from(text, "utf8"));
    else this.used = this.buffer.write(text, 0, "utf8");
  }

  /** The full buffers written so far; the one being filled stays. */
  takeFull(): Buffer[] {
    return this.ready.splice(0);
  }

  /** Everything written and not yet taken, the partly filled buffer included. */
  takeAll(): Buffer[] {
    this.seal();
    return this.takeFull();
  }

  private seal(): void {
    if (this.used === 0) return;
    this.ready.push(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafeSlow(this.size);
    this.used = 0;
  }
}
