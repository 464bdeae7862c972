import "server-only";

/** A document of the export, with its length in sentences. */
export interface ChunkDocument {
  id: string;
  /** One past its last sentence index. */
  span: number;
}

/**
 * One query's worth of the export: sentence index ranges of documents, in
 * export order. `lo[i]..hi[i]` (inclusive) are the indexes of `documentIds[i]`.
 */
export interface ExportChunk {
  documentIds: string[];
  lo: number[];
  hi: number[];
  /** How many sentence indexes the ranges cover. */
  sentences: number;
  /** Documents whose first range is in this chunk: their columns are read with it. */
  starting: string[];
  /** Documents whose last range is in this chunk: they are dropped after it. */
  ending: string[];
}

/**
 * Cuts the export into chunks of about a given number of rows, one chunk at a
 * time, cutting a long document into several index ranges. Rows per sentence
 * are the caller's estimate (the export passes what the chunks so far held),
 * so a chunk's memory stays bounded whatever the documents' lengths, without
 * counting every document's annotations before the first byte.
 */
export class ChunkPlanner {
  private document = 0;
  private lo = 0;

  constructor(private readonly documents: readonly ChunkDocument[]) {}

  /** The next chunk of about `rows` rows at `rowsPerSentence`, or null when the export is covered. */
  next(rows: number, rowsPerSentence: number): ExportChunk | null {
    const chunk: ExportChunk = {
      documentIds: [],
      lo: [],
      hi: [],
      sentences: 0,
      starting: [],
      ending: [],
    };
    const perSentence = Math.max(1, rowsPerSentence);
    let filled = 0;
    while (filled < rows && this.document < this.documents.length) {
      const doc = this.documents[this.document];
      if (!doc) break;
      if (this.lo >= doc.span) {
        this.document++;
        this.lo = 0;
        continue;
      }
      const fits = Math.max(1, Math.floor((rows - filled) / perSentence));
      const hi = Math.min(doc.span, this.lo + fits) - 1;
      chunk.documentIds.push(doc.id);
      chunk.lo.push(this.lo);
      chunk.hi.push(hi);
      chunk.sentences += hi - this.lo + 1;
      if (this.lo === 0) chunk.starting.push(doc.id);
      if (hi === doc.span - 1) chunk.ending.push(doc.id);
      filled += (hi - this.lo + 1) * perSentence;
      this.lo = hi + 1;
    }
    return chunk.documentIds.length > 0 ? chunk : null;
  }
}
