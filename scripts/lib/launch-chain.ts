/**
 * The processes between the one a person or a service manager started and this one:
 * `npm start` runs `sh -c "tsx … start.ts"`, and tsx runs start.ts in a child of its own.
 * npm forwards SIGTERM to sh only, and sh dies of it without passing it on, so start.ts
 * would go on serving after `kill <npm's pid>`, `docker stop` or `timeout`. Watching the
 * chain for a broken link — a wrapper that is gone or has a new parent — tells start.ts
 * that whoever started it wants it stopped, whichever wrapper got the signal.
 */
import { readFileSync } from "node:fs";

interface Link {
  pid: number;
  ppid: number;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z") return null;
    const ppid = Number(fields[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

/** npm, npx, `sh -c …` (how npm runs a script) or tsx's CLI: a wrapper, not a supervisor. */
export function isWrapper(argv: string[]): boolean {
  const [program = "", first = ""] = argv;
  const name = program.split("/").pop() ?? "";
  if (/^(npm|npx)( |$)/.test(name)) return true;
  if (["sh", "dash", "bash"].includes(name) && first === "-c") return true;
  return argv.some((arg) => /(npm-cli|npx-cli)\.js$|tsx\/dist\/cli\.m?js$|\.bin\/tsx$/.test(arg));
}

/** This process's wrappers, nearest first, each with the parent it had when recorded. */
export function launchChain(): Link[] {
  const chain: Link[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 10 && isWrapper(commandLine(pid))) {
    const ppid = parentOf(pid);
    if (ppid === null) break;
    chain.push({ pid, ppid });
    pid = ppid;
  }
  return chain;
}

/**
 * Calls `onBroken` once when this process's parent changes or a recorded wrapper is gone
 * or re-parented. Without /proc (macOS) only the parent is watched.
 */
export function watchLaunchChain(onBroken: (reason: string) => void): () => void {
  const parent = process.ppid;
  const chain = launchChain();
  const timer = setInterval(() => {
    let reason: string | null = null;
    if (process.ppid !== parent) reason = `its parent process ${parent} is gone`;
    for (const link of chain) {
      if (reason) break;
      const ppid = parentOf(link.pid);
      if (ppid !== link.ppid)
        reason = `the command that started it was stopped (process ${link.pid} ${ppid === null ? "is gone" : "lost its parent"})`;
    }
    if (reason) {
      clearInterval(timer);
      onBroken(reason);
    }
  }, 500);
  timer.unref();
  return () => clearInterval(timer);
}
