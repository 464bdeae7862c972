/*
 * Sourcelight's JSON-LD context: a term for every field the W3C export adds to
 * the Web Annotation model, so that JSON-LD processing (`jsonld.expand`) keeps
 * them instead of dropping them as undefined. It is embedded in every W3C
 * export after the W3C context, and the app serves the same document at
 * SOURCELIGHT_CONTEXT_PATH for anyone who wants to reference it.
 *
 * Version 1 is frozen: a changed meaning gets a new version and a new path.
 */

/** Where the app serves the context. */
export const SOURCELIGHT_CONTEXT_PATH = "/ns/sourcelight-v1.jsonld";

/** The vocabulary's namespace: a URN, because an installation's own host is not a stable name. */
export const SOURCELIGHT_VOCAB = "urn:sourcelight:vocab:";

const XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer";

export const SOURCELIGHT_CONTEXT = {
  "@context": {
    sl: SOURCELIGHT_VOCAB,
    /** The registry source's type (OFFICIAL_BODY, MEDIA, …). */
    sourceType: "sl:sourceType",
    /** Other names of the registry source; order carries no meaning. */
    aliases: { "@id": "sl:alias", "@container": "@set" },
    affiliation: "sl:affiliation",
    /** Alignment: pro-government, opposition, …, as the project defines it. */
    side: "sl:side",
    description: "http://purl.org/dc/terms/description",
    /** The words of the sentence that name who stands behind it. */
    attribution: "sl:attribution",
    /** Where those words are: a target with its own selectors. */
    span: "sl:span",
    /** Admiralty information credibility, 1–6 (6: cannot be judged). */
    credibility: { "@id": "sl:credibility", "@type": XSD_INTEGER },
    /** The project's settled reliability grade of the source, A–F (F: cannot be judged). */
    settledGrade: "sl:settledGrade",
    /** The annotator's own reliability grade of the source, A–F. */
    annotatorGrade: "sl:annotatorGrade",
    rationale: "sl:rationale",
  },
} as const;

/** The terms Sourcelight defines (the prefix `sl` aside). */
export const SOURCELIGHT_TERMS: readonly string[] = Object.keys(
  SOURCELIGHT_CONTEXT["@context"],
).filter((term) => term !== "sl");
