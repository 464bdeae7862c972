import "server-only";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/domain/errors";

/**
 * Runs a lib/server read for a page and maps its AppErrors onto Next's
 * not-found and sign-in flows; anything else reaches the error boundary.
 */
export async function loadForPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "NOT_FOUND") notFound();
      if (error.code === "UNAUTHENTICATED") redirect("/login");
    }
    throw error;
  }
}
