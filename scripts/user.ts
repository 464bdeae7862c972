/**
 * User administration from the shell: `npm run user -- create --email … --name … [--admin]`.
 * Works on DATABASE_URL when set, otherwise on the embedded PostgreSQL.
 */
import { prepareForCommand } from "./lib/database-ready";
import { resolveDatabase } from "./lib/database";
import { loadDotEnv, runMain, UserFacingError } from "./lib/cli";
import { isHelpRequest, USER_USAGE } from "./lib/user-usage";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Asks for a password on the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    throw new UserFacingError(
      "No terminal to ask for a password: pipe it in with --password-stdin, or use --invite.",
    );
  }
  process.stdout.write(question);
  return new Promise((resolve, reject) => {
    let typed = "";
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === "\r" || ch === "\n") {
          cleanup();
          process.stdout.write("\n");
          resolve(typed);
          return;
        }
        if (ch === "\u0003") {
          cleanup();
          reject(new UserFacingError("Cancelled."));
          return;
        }
        if (ch === "\u007f") typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const cleanup = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
    stdin.on("data", onData);
  });
}

runMain(
  async () => {
    const argv = process.argv.slice(2);
    if (isHelpRequest(argv)) {
      console.log(USER_USAGE);
      return;
    }
    loadDotEnv();
    const database = await resolveDatabase();
    process.env.DATABASE_URL = database.url;
    // A fresh embedded database has no tables yet; the same migrations npm start applies.
    await prepareForCommand(database);
    // Imported only now: lib/db reads DATABASE_URL when first used.
    const { runUserCommand } = await import("./lib/user-commands");
    const { disconnectDb, warmUpDb } = await import("../lib/db");
    try {
      await warmUpDb();
      await runUserCommand(argv, {
        out: (line) => console.log(line),
        err: (line) => console.error(line),
        readPassword: async (fromStdin) => {
          if (fromStdin) return readStdin();
          const first = await promptHidden("Password: ");
          const again = await promptHidden("Password again: ");
          if (first !== again) throw new UserFacingError("The two passwords do not match.");
          return first;
        },
        baseUrl: process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`,
      });
    } finally {
      await disconnectDb();
      await database.close();
    }
  },
  { oneLine: true },
);
