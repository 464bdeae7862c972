/**
 * Separators sites put between a headline and their own name in <title> and
 * og:title: "Floods in Italy - BBC News", "… | Reuters", "… — The Guardian".
 */
const SUFFIX = /\s+(?:[-|–—·•»:]|::)\s+([^|–—·•»]{1,80})$/u;

/** A publisher's name as compared: case, punctuation, a leading "The" and a web domain's ending ignored. */
function comparable(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/^the\s+/, "")
    .replace(/\.(?:com|co\.uk|org|net|news|[a-z]{2})$/, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * The title without a trailing " - Publisher" when that suffix names the
 * publisher (the page's og:site_name or equivalent). A suffix naming
 * anything else is part of the headline ("Brexit - what happens next") and
 * stays; so does the whole title when nothing would be left.
 */
export function withoutSiteSuffix(title: string, publisher: string | undefined): string {
  if (!publisher) return title;
  const match = SUFFIX.exec(title);
  const suffix = match?.[1];
  if (!match || !suffix) return title;
  const wanted = comparable(publisher);
  if (wanted === "" || comparable(suffix) !== wanted) return title;
  const rest = title.slice(0, match.index).trimEnd();
  return rest.length >= 3 ? rest : title;
}
