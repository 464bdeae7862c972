/**
 * Save-path benchmark: 20 annotators saving concurrently against the running
 * production app (loopback), through PUT /api/projects/{slug}/annotations —
 * the same lib/server saveAnnotation the workspace's server action calls —
 * and, in the same run, a raw `pg` upsert of the same rows by 20 concurrent
 * connections as the reference. Bounded: ROUNDS saves per annotator.
 *
 *   npx tsx --conditions=react-server bench/annotate-save.ts
 */
import { loadavg } from "node:os";
import pg from "pg";
import { ms, percentile, record, seed, startApp } from "./annotate-app";

const ANNOTATORS = 20;
const ROUNDS = 100;
/** Paced phase: one save per annotator every ~250 ms, several times faster than anyone tags. */
const PACE_MS = 250;
const LABELS = ["SOURCED_FACT", "UNVERIFIED_CLAIM", "OPINION", "NOT_A_CLAIM"] as const;

async function main() {
  const app = await startApp();
  try {
    const data = await seed(app.databaseUrl, { annotators: ANNOTATORS, sentences: 2000 });
    const url = `${app.baseUrl}/api/projects/${data.project.slug}/annotations`;

    // Warm-up: one save per annotator (JIT, connection pool, token cache).
    const versions = new Map<string, number>();
    await Promise.all(
      data.tokens.map(async (token, a) => {
        const sentenceId = data.sentenceIds[a] ?? "";
        const r = await fetch(url, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ sentenceId, label: "OPINION", expectedVersion: 0 }),
        });
        if (!r.ok) throw new Error(`warm-up save failed: ${r.status} ${await r.text()}`);
        versions.set(`${a}:${sentenceId}`, 1);
      }),
    );

    let errors = 0;
    /** Every annotator saves ROUNDS times; `gapMs` is the pause between one annotator's saves (0: back to back). */
    async function phase(
      annotators: number,
      gapMs: number,
      round0: number,
    ): Promise<{ latencies: number[]; seconds: number }> {
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        data.tokens.slice(0, annotators).map(async (token, a) => {
          for (let i = round0; i < round0 + ROUNDS; i++) {
            // Each annotator walks through sentences, revisiting some (updates) and tagging new ones (inserts).
            const sentenceId =
              data.sentenceIds[(a * 50 + (i % 40)) % data.sentenceIds.length] ?? "";
            const key = `${a}:${sentenceId}`;
            const expectedVersion = versions.get(key) ?? 0;
            const body = JSON.stringify({
              sentenceId,
              label: LABELS[i % 4],
              sourceText: i % 2 ? "the Iraqi military" : null,
              note: null,
              unsure: false,
              expectedVersion,
            });
            const t0 = performance.now();
            const r = await fetch(url, {
              method: "PUT",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body,
            });
            const json = (await r.json()) as { annotation?: { version: number } };
            latencies.push(performance.now() - t0);
            if (r.ok && json.annotation) versions.set(key, json.annotation.version);
            else errors++;
            if (gapMs)
              await new Promise((resolve) => setTimeout(resolve, gapMs * (0.5 + Math.random())));
          }
        }),
      );
      return {
        latencies: latencies.sort((x, y) => x - y),
        seconds: (performance.now() - started) / 1000,
      };
    }
    const single = await phase(1, 0, 0);
    const paced = await phase(ANNOTATORS, PACE_MS, ROUNDS);
    const closed = await phase(ANNOTATORS, 0, 2 * ROUNDS);
    const app95 = closed.latencies;
    const appSeconds = closed.seconds;

    // Reference: the same upserts straight through pg, 20 connections.
    const raw: number[] = [];
    const clients = await Promise.all(
      data.users.map(async () => {
        const c = new pg.Client({ connectionString: app.databaseUrl });
        await c.connect();
        return c;
      }),
    );
    const doc = await data.db.document.findUniqueOrThrow({
      where: { id: data.documentId },
      select: { projectId: true },
    });
    await Promise.all(
      clients.map(async (c, a) => {
        const userId = data.users[a]?.id ?? "";
        for (let i = 0; i < ROUNDS; i++) {
          const sentenceId = data.sentenceIds[(a * 50 + (i % 25)) % data.sentenceIds.length] ?? "";
          const t0 = performance.now();
          await c.query(
            `INSERT INTO "Annotation" ("projectId","documentId","sentenceId","annotatorId","label","sourceText","version","updatedAt")
             VALUES ($1,$2,$3,$4,$5::"Label",$6,1,now())
             ON CONFLICT ("sentenceId","annotatorId") DO UPDATE SET "label"=EXCLUDED."label","sourceText"=EXCLUDED."sourceText","version"="Annotation"."version"+1,"updatedAt"=now()`,
            [
              doc.projectId,
              data.documentId,
              sentenceId,
              userId,
              LABELS[(i + 1) % 4],
              i % 2 ? "the Iraqi military" : null,
            ],
          );
          raw.push(performance.now() - t0);
        }
      }),
    );
    await Promise.all(clients.map((c) => c.end()));
    await data.db.$disconnect();

    app95.sort((x, y) => x - y);
    raw.sort((x, y) => x - y);
    const row = (name: string, xs: number[]) =>
      `| ${name} | ${xs.length} | ${ms(percentile(xs, 50))} | ${ms(percentile(xs, 95))} | ${ms(percentile(xs, 99))} |`;
    const table = [
      "| path | saves | p50 | p95 | p99 |",
      "|---|---:|---:|---:|---:|",
      row("app, 1 annotator, back to back (no contention)", single.latencies),
      row(
        `app, ${ANNOTATORS} annotators, one save each per ~${PACE_MS} ms (${(paced.latencies.length / paced.seconds).toFixed(0)} saves/s)`,
        paced.latencies,
      ),
      row(
        `app, ${ANNOTATORS} annotators, back to back (saturation, ${(app95.length / appSeconds).toFixed(0)} saves/s)`,
        app95,
      ),
      row("raw pg upsert of the same rows (reference)", raw),
    ].join("\n");
    console.log(table);
    console.log(
      `${ANNOTATORS} concurrent annotators × ${ROUNDS} saves in ${appSeconds.toFixed(1)} s (${(app95.length / appSeconds).toFixed(0)} saves/s); errors: ${errors}. Targets: p95 ≤ 50 ms, p99 ≤ 150 ms.`,
    );
    const verdict = (name: string, xs: number[]) =>
      `${name}: p95 ${percentile(xs, 95) <= 50 ? "met" : "NOT met"}, p99 ${percentile(xs, 99) <= 150 ? "met" : "NOT met"}`;
    const verdicts = [verdict("paced", paced.latencies), verdict("saturation", app95)].join("; ");
    const load = loadavg()[0]?.toFixed(1) ?? "?";
    await record(
      `## Annotation save path (bench/annotate-save.ts)\n\nRun ${new Date().toISOString().slice(0, 10)} on this machine (2 shared cores; production build on loopback; embedded PostgreSQL). Saves (a mix of inserts and version-checked updates) go through the JSON API route that calls the same \`saveAnnotation\` as the workspace's server action. Reference: a raw \`pg\` upsert of the same rows by ${ANNOTATORS} connections in the same run, as back to back as the saturation phase. Three load shapes: one annotator alone; ${ANNOTATORS} annotators each saving every ~${PACE_MS} ms (faster than anyone tags); ${ANNOTATORS} annotators saving back to back with no pause (a stress test: latency there is queueing behind the 2 cores). ${ROUNDS} saves per annotator per phase. Errors: ${errors}. Targets: p95 ≤ 50 ms, p99 ≤ 150 ms — ${verdicts}. Load average at the end of the run: ${load} on 2 cores (other work shares this machine, so the concurrent figures are pessimistic; the one-annotator row is the cost of a save without queueing).\n\n${table}\n`,
    );
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
