export { normalizeText, sentenceKey } from "./normalize";
export {
  SEGMENTER_VERSION,
  SentenceEditError,
  mergeSentences,
  segmentSentences,
  splitSentence,
  type Sentence,
  type SentenceEditErrorCode,
} from "./segment";
export {
  BOILERPLATE_RULES,
  bylineName,
  findBoilerplateRule,
  flagBoilerplate,
  isBoilerplate,
  type BoilerplateContext,
  type BoilerplateRule,
} from "./boilerplate";
export { extractHeaderMetadata, type HeaderMetadata } from "./header";
export { markdownLinkTargets, stripMarkup, toPlainText } from "./plain";
export { CodePointIndex, sliceWhole } from "./code-points";
export { SentenceFitError, fitSentences, type SentenceSpan } from "./fit";
export { headlineIndex, opensWithHeadline, withHeadline } from "./headline";
