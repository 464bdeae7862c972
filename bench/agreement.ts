/**
 * Agreement for 100,000 sentences × 5 annotators, end to end (permission
 * check, SQL aggregation, every figure incl. the bootstrap interval), against
 * the 1 s target and against the naive path measured in the same run: load
 * every annotation as a row object and call agreementReport with 1,000
 * resamples.
 *
 *   npx tsx --conditions=react-server bench/agreement.ts
 */
import { performance } from "node:perf_hooks";
import { benchDatabase, median, seedProject } from "./agreement-db";

const SENTENCES = 100_000;
const ANNOTATORS = 5;
const RUNS = 5;

const database = await benchDatabase();
process.env.DATABASE_URL = database.url;
const { db, disconnectDb } = await import("../lib/db");
const { projectAgreement } = await import("../lib/server/review/agreement");
const { agreementReport } = await import("../lib/domain/agreement");
try {
  const t0 = performance.now();
  const project = await seedProject(database.url, {
    documents: 200,
    sentences: SENTENCES,
    annotators: ANNOTATORS,
  });
  console.log(
    `seeded ${SENTENCES.toLocaleString("en")} sentences × ${ANNOTATORS} annotators in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const actor = {
    id: project.adminId,
    email: "admin@example.org",
    name: "Bench admin",
    isAdmin: true,
  };
  const filters = { boilerplate: "1" };

  const times: number[] = [];
  let figures: Awaited<ReturnType<typeof projectAgreement>>["figures"] | undefined;
  for (let i = 0; i < RUNS + 1; i++) {
    const start = performance.now();
    figures = (await projectAgreement({ actor, projectSlug: project.slug, filters })).figures;
    if (i > 0) times.push(performance.now() - start); // the first run warms the connection pool and JIT
  }
  if (!figures) throw new Error("no run");
  const alpha = figures.alpha.defined ? figures.alpha.value.toFixed(4) : figures.alpha.reason;
  const ci = figures.interval.defined
    ? `[${figures.interval.lower.toFixed(4)}, ${figures.interval.upper.toFixed(4)}] from ${figures.interval.samples} resamples`
    : figures.interval.reason;

  const naiveTimes: number[] = [];
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    const rows = await db.annotation.findMany({
      where: { projectId: project.projectId },
      select: { sentenceId: true, annotatorId: true, label: true },
    });
    agreementReport(
      rows.map((r) => ({ unit: r.sentenceId, coder: r.annotatorId, value: r.label })),
      ["SOURCED_FACT", "UNVERIFIED_CLAIM", "OPINION", "NOT_A_CLAIM"],
    );
    naiveTimes.push(performance.now() - start);
  }

  const ours = median(times);
  const naive = median(naiveTimes);
  console.log(
    `units ${figures.units.toLocaleString("en")}, annotations ${figures.annotations.toLocaleString("en")}, alpha ${alpha}, 95% CI ${ci}`,
  );
  console.log(
    `projectAgreement: median ${ours.toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`,
  );
  console.log(
    `reference, naive (row objects + agreementReport, 1,000 resamples): median ${naive.toFixed(0)} ms over 2 runs`,
  );
  console.log(
    `target ≤ 1000 ms: ${ours <= 1000 ? "met" : "NOT met"}; ${(naive / ours).toFixed(1)}× faster than the naive path`,
  );
} finally {
  await disconnectDb();
  await database.stop();
}
