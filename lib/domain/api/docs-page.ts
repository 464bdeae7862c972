import {
  API_OVERVIEW,
  outcomesOf,
  parametersOf,
  scopeNote,
  toSchema,
  type ApiOperation,
} from "./openapi";

/**
 * /api/docs: the same operations as /api/openapi.json, as one plain HTML page.
 * No script, no stylesheet and no inline style, so it loads from nowhere else
 * and needs nothing beyond the API's own `default-src 'none'` policy.
 */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The little Markdown the descriptions use: `code` and **strong**. */
const inline = (text: string) =>
  escape(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => `<p>${inline(p.replace(/\n/g, " "))}</p>`)
    .join("\n");

const anchor = (op: ApiOperation) =>
  `${op.method}-${op.path.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;

const pretty = (value: unknown) => escape(JSON.stringify(value, null, 2));

function operationHtml(op: ApiOperation): string {
  const params = parametersOf(op);
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? "yes" : "no"}</td><td><code>${escape(JSON.stringify(p.schema))}</code>${p.description ? ` ${inline(p.description)}` : ""}</td></tr>`,
    )
    .join("\n");
  const body = op.body;
  const bodyHtml =
    body?.kind === "json"
      ? `<h4>Body (application/json)</h4>
<p>Example:</p><pre>${pretty(body.example)}</pre>
<details><summary>Schema</summary><pre>${pretty(toSchema(body.schema))}</pre></details>`
      : body?.kind === "multipart"
        ? `<h4>Body (multipart/form-data)</h4><p>${inline(body.description)}</p>`
        : "";
  const outcomes = outcomesOf(op)
    .map((o) => `<li><strong>${o.status}</strong> ${inline(o.description)}</li>`)
    .join("\n");
  return `<section id="${anchor(op)}">
<h3><code>${op.method.toUpperCase()} ${escape(op.path)}</code></h3>
<p>${inline(op.summary)}.</p>
${op.description ? paragraphs(op.description) : ""}
<p><strong>Who:</strong> ${inline(op.access)}. ${inline(scopeNote(op.scope))}</p>
${op.paginated ? "<p>Paged: <code>page</code>, <code>pageSize</code>; the answer has <code>pagination</code>.</p>" : ""}
${op.etag ? "<p>Sends an <code>ETag</code>; <code>If-None-Match</code> gives 304 while unchanged.</p>" : ""}
${rows ? `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr></thead><tbody>${rows}</tbody></table>` : ""}
${op.query?.example ? `<p>Example query: <code>?${escape(op.query.example)}</code></p>` : ""}
${bodyHtml}
<h4>Answers</h4><ul>${outcomes}</ul>
</section>`;
}

export function renderApiDocs(operations: readonly ApiOperation[], version: string): string {
  const tags = [...new Set(operations.map((o) => o.tag))];
  const toc = tags
    .map(
      (tag) =>
        `<li>${escape(tag)}<ul>${operations
          .filter((o) => o.tag === tag)
          .map(
            (o) =>
              `<li><a href="#${anchor(o)}"><code>${o.method.toUpperCase()} ${escape(o.path)}</code></a> — ${inline(o.summary)}</li>`,
          )
          .join("")}</ul></li>`,
    )
    .join("\n");
  const sections = tags
    .map(
      (tag) =>
        `<h2>${escape(tag)}</h2>\n${operations
          .filter((o) => o.tag === tag)
          .map(operationHtml)
          .join("\n")}`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sourcelight API ${escape(version)}</title></head>
<body>
<main>
<h1>Sourcelight API ${escape(version)}</h1>
${paragraphs(API_OVERVIEW)}
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<nav aria-label="Operations"><ul>${toc}</ul></nav>
${sections}
</main>
</body>
</html>
`;
}
