// One line per log record, with a timestamp, in the format LOG_FORMAT asks for:
// "text" (the default, for people) or "json" (one object per line, for machines).
// Plain JavaScript: next-child.mjs, which runs without tsx, uses it too.
import { format, inspect } from "node:util";

export function logFormat() {
  return process.env.LOG_FORMAT === "json" ? "json" : "text";
}

/** An error as fields: name, message, code, and its stack as one string. */
function errorFields(error) {
  const fields = { name: error.name, message: error.message };
  if (typeof error.code === "string" || typeof error.code === "number") fields.code = error.code;
  if (error.stack) fields.stack = error.stack;
  if (error.cause instanceof Error) fields.cause = errorFields(error.cause);
  return fields;
}

/**
 * Writes one record. `message` is the human part; `fields` go into the JSON object as they
 * are, and after the message as key=value in text.
 */
export function writeRecord(level, message, fields = {}) {
  const time = new Date().toISOString();
  const stream = level === "error" || level === "warn" ? process.stderr : process.stdout;
  if (logFormat() === "json") {
    stream.write(`${JSON.stringify({ time, level, msg: message, ...fields })}\n`);
    return;
  }
  const extra = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  const line = [time, level.toUpperCase().padEnd(5), message, ...extra].join(" ");
  // One record, one line: the lines of a long message or a stack trace are joined by " | ".
  const oneLine = line
    .split(/\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join(" | ");
  stream.write(`${oneLine}\n`);
}

/** Sends every console call of this process through writeRecord: one line, one timestamp each. */
export function installConsole() {
  const levels = { log: "info", info: "info", debug: "debug", warn: "warn", error: "error" };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => {
      const errors = args.filter((a) => a instanceof Error);
      const rest = args.filter((a) => !(a instanceof Error));
      let message = format(...rest).trim();
      // Next prints banners with blank lines around them; a record needs words.
      if (message === "" && errors.length === 0) return;
      const fields = {};
      if (errors.length === 1) fields.error = errorFields(errors[0]);
      else if (errors.length > 1) fields.errors = errors.map(errorFields);
      if (message === "" && errors[0]) message = errors[0].message;
      if (logFormat() === "text" && errors.length) {
        // In text the error is its stack (which starts with name and message).
        writeRecord(level, `${message} ${errors.map((e) => e.stack ?? inspect(e)).join(" ")}`);
        return;
      }
      writeRecord(level, message, fields);
    };
  }
}
