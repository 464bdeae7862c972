import "server-only";
import { notFound, redirect } from "next/navigation";
import { AppError, DATABASE_UNAVAILABLE_DIGEST } from "@/lib/domain/errors";
import { outageError } from "@/lib/server/ops/database-outage";

/**
 * Runs a lib/server read for a page and maps its AppErrors onto Next's
 * not-found and sign-in flows. A database outage reaches the error boundary
 * marked by its digest (Next keeps a digest the error already has), so the
 * page can say the database is away and retry; anything else reaches the
 * error boundary as it is.
 */
export async function loadForPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "NOT_FOUND") notFound();
      if (error.code === "UNAUTHENTICATED") redirect("/login");
    }
    const outage = outageError(error);
    if (outage)
      throw Object.assign(new Error(outage.message), { digest: DATABASE_UNAVAILABLE_DIGEST });
    throw error;
  }
}
