/**
 * What the user is told when the embedded server cannot start or be reached:
 * each message names the cause and the command that gets them going again.
 */
import type { LogTail } from "./log-tail";

/** A problem starting or reaching the database, with a message written for the user. */
export class DatabaseStartError extends Error {
  override name = "DatabaseStartError";
}

export const RESET_HINT =
  "`npm run db:reset` deletes the embedded data (everything stored in it is lost) and the next start begins afresh.";

export function inUseError(dataDir: string, pid?: number, port?: number): DatabaseStartError {
  const which =
    pid === undefined
      ? ""
      : ` (pid ${pid}${port === undefined || Number.isNaN(port) ? "" : `, port ${port}`})`;
  return new DatabaseStartError(
    `The embedded PostgreSQL data directory ${dataDir} is in use by a running PostgreSQL${which}. ` +
      `Is another \`npm start\` running? ` +
      `Stop it first, or run database commands (npm run db:migrate…) while it runs: they use it.`,
  );
}

export function portBusyError(
  port: number,
  portVariable: string,
  detail: string,
): DatabaseStartError {
  return new DatabaseStartError(
    `The embedded PostgreSQL cannot listen on 127.0.0.1:${port}: ` +
      (detail === "EADDRINUSE" ? "another program is already using that port" : detail) +
      `. Stop the other program, or use another port: set ${portVariable} (for example ${portVariable}=${port === 5434 ? 5435 : 5434}).`,
  );
}

/** Why the server did not become ready, read from its log (the package's error says little). */
export function startFailure(
  dataDir: string,
  port: number,
  portVariable: string,
  logs: LogTail,
  error: unknown,
): DatabaseStartError {
  const text = logs.text();
  if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(text)) {
    return portBusyError(port, portVariable, "EADDRINUSE");
  }
  if (/lock file "postmaster\.pid" already exists|Is another postmaster/i.test(text)) {
    return inUseError(dataDir);
  }
  const reason = error instanceof Error ? `: ${error.message}` : "";
  if (/initialized by PostgreSQL version/i.test(text)) {
    return new DatabaseStartError(
      `The embedded PostgreSQL data in ${dataDir} was created by another major version of PostgreSQL${reason}. ${RESET_HINT}${logs.formatTail()}`,
    );
  }
  return new DatabaseStartError(
    `The embedded PostgreSQL in ${dataDir} failed to start${reason}. Its data may be damaged: ${RESET_HINT}${logs.formatTail()}`,
  );
}

/** The `code` of a Node system error or a pg DatabaseError. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string"
    ? error.code
    : undefined;
}
