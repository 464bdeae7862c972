"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { allowReopenAction } from "@/lib/actions/workflow";
import { Button } from "@/components/ui/button";

/** A reviewer lets one annotator reopen their submission of an adjudicated document. */
export function AllowReopenButton(props: {
  projectSlug: string;
  documentId: string;
  annotatorId: string;
  label: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        className="!px-2 !py-1 text-xs"
        disabled={pending}
        aria-label={props.label}
        onClick={() =>
          startTransition(async () => {
            const result = await allowReopenAction(
              props.projectSlug,
              props.documentId,
              props.annotatorId,
            ).catch(() => null);
            if (!result) setError("No connection to the server. Try again.");
            else if (!result.ok) setError(result.message);
            else router.refresh();
          })
        }
      >
        Allow reopen
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
