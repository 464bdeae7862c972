import "server-only";

/** A document of the export, with what is needed to size its share of the rows. */
export interface ChunkDocument {
  id: string;
  /** One past its last sentence index. */
  span: number;
  annotations: number;
}

/**
 * One query's worth of the export: sentence index ranges of documents, in
 * export order. `lo[i]..hi[i]` (inclusive) are the indexes of `documentIds[i]`.
 */
export interface ExportChunk {
  documentIds: string[];
  lo: number[];
  hi: number[];
  /** Documents whose first range is in this chunk: their texts are read with it. */
  starting: string[];
  /** Documents whose last range is in this chunk: their texts are dropped after it. */
  ending: string[];
}

/**
 * Cuts the export into chunks of about `rows` rows (`firstRows` for the first,
 * so that the first bytes go out soon), cutting a long document into several
 * index ranges. A document's rows are estimated as its annotations, or one per
 * sentence where it has fewer: exact when every sentence has the same number of
 * annotations, and never under half the truth, so a chunk's memory is bounded
 * whatever the documents' lengths.
 */
export function planChunks(
  documents: readonly ChunkDocument[],
  size: { firstRows: number; rows: number },
): ExportChunk[] {
  const chunks: ExportChunk[] = [];
  let chunk = emptyChunk();
  let filled = 0;
  let limit = size.firstRows;
  for (const doc of documents) {
    const perSentence = Math.max(1, doc.annotations / Math.max(doc.span, 1));
    for (let lo = 0; lo < doc.span;) {
      const fits = Math.max(1, Math.floor((limit - filled) / perSentence));
      const hi = Math.min(doc.span, lo + fits) - 1;
      chunk.documentIds.push(doc.id);
      chunk.lo.push(lo);
      chunk.hi.push(hi);
      if (lo === 0) chunk.starting.push(doc.id);
      if (hi === doc.span - 1) chunk.ending.push(doc.id);
      filled += (hi - lo + 1) * perSentence;
      lo = hi + 1;
      if (filled >= limit) {
        chunks.push(chunk);
        chunk = emptyChunk();
        filled = 0;
        limit = size.rows;
      }
    }
  }
  if (chunk.documentIds.length > 0) chunks.push(chunk);
  return chunks;
}

function emptyChunk(): ExportChunk {
  return { documentIds: [], lo: [], hi: [], starting: [], ending: [] };
}
