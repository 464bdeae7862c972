// Types of log-format.mjs, which stays plain JavaScript for next-child.mjs.
export type LogLevel = "debug" | "info" | "warn" | "error";
export function logFormat(): "text" | "json";
export function writeRecord(
  level: LogLevel,
  message: string,
  fields?: Record<string, unknown>,
): void;
export function installConsole(): void;
