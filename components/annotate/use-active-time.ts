"use client";

import { useEffect } from "react";
import { recordActiveTimeAction } from "@/lib/actions/workflow";
import {
  HEARTBEAT_MS,
  recordActivity,
  recordBlur,
  recordFocus,
  startClock,
  takePending,
} from "@/lib/domain/workflow";

const ACTIVITY = ["keydown", "pointerdown", "pointermove", "wheel", "scroll"] as const;

/**
 * Records active annotation time on a document while `enabled` (the annotator
 * may write and has not submitted): the activity clock of lib/domain/workflow
 * counts focused, non-idle time and a heartbeat reports it. A report that
 * could not be sent is added back and goes with the next one; one the server
 * refused is dropped, since sending it again would be refused too.
 */
export function useActiveTime(args: { projectSlug: string; documentId: string; enabled: boolean }) {
  const { projectSlug, documentId, enabled } = args;
  useEffect(() => {
    if (!enabled) return;
    const focused = () => document.visibilityState === "visible" && document.hasFocus();
    let clock = startClock(Date.now(), focused());
    const flush = () => {
      const { reportMs, clock: rest } = takePending(clock);
      clock = rest;
      if (reportMs <= 0) return;
      recordActiveTimeAction(projectSlug, { documentId, activeMs: reportMs }).catch(() => {
        clock = { ...clock, pendingMs: clock.pendingMs + reportMs };
      });
    };
    const onActivity = () => {
      clock = recordActivity(clock, Date.now());
    };
    const onBlur = () => {
      clock = recordBlur(clock, Date.now());
      flush();
    };
    const onFocus = () => {
      clock = recordFocus(clock, Date.now());
    };
    const onVisibility = () => (document.visibilityState === "hidden" ? onBlur() : onFocus());
    for (const type of ACTIVITY)
      window.addEventListener(type, onActivity, { passive: true, capture: true });
    window.addEventListener("blur", onBlur);
    window.addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onVisibility);
    const timer = window.setInterval(flush, HEARTBEAT_MS);
    return () => {
      window.clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true });
      window.removeEventListener("blur", onBlur);
      window.removeEventListener("focus", onFocus);
      document.removeEventListener("visibilitychange", onVisibility);
      // Leaving the document (or submitting it) closes the interval and reports what is left.
      clock = recordBlur(clock, Date.now());
      flush();
    };
  }, [projectSlug, documentId, enabled]);
}
