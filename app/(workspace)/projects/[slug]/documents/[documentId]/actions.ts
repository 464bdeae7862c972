"use server";

import { requireUser } from "@/lib/auth";
import { failure, type ActionResult } from "@/lib/server/results";
import {
  createSource,
  mergeSources,
  updateSource,
  type SourceView,
} from "@/lib/server/sources/registry";

export async function createSourceAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<SourceView>> {
  try {
    const actor = await requireUser();
    return { ok: true, data: await createSource({ actor, projectSlug, input }) };
  } catch (error) {
    return failure(error);
  }
}

export async function updateSourceAction(
  projectSlug: string,
  sourceId: string,
  input: unknown,
): Promise<ActionResult<SourceView>> {
  try {
    const actor = await requireUser();
    return { ok: true, data: await updateSource({ actor, projectSlug, sourceId, input }) };
  } catch (error) {
    return failure(error);
  }
}

export async function mergeSourcesAction(
  projectSlug: string,
  input: unknown,
): Promise<ActionResult<SourceView & { moved: number }>> {
  try {
    const actor = await requireUser();
    return { ok: true, data: await mergeSources({ actor, projectSlug, input }) };
  } catch (error) {
    return failure(error);
  }
}
