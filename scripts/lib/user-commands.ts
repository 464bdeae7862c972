/**
 * `npm run user -- …`: user administration for headless servers. Every command
 * goes through the same lib/server functions as the admin pages, acting as the
 * operator (CLI_OPERATOR, audited with no actor id); the `token` commands act
 * with the rights of the account they name, still audited as the operator.
 * Importing this module requires DATABASE_URL to be set already (lib/db reads
 * it on first use).
 */
import { parseArgs } from "node:util";
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  tokenStatus,
  type ApiTokenSummary,
} from "../../lib/server/accounts/tokens";
import {
  createUserAccount,
  findAccountByEmail,
  findUserIdByEmail,
  listUsers,
  resetPasswordLink,
  updateUserStatus,
} from "../../lib/server/accounts/users";
import { type Invitation } from "../../lib/server/accounts/invites";
import { CLI_OPERATOR, type Actor } from "../../lib/server/actor";
import { AppError } from "../../lib/domain/errors";
import { UserFacingError } from "./cli";
import { isHelpRequest, USER_USAGE } from "./user-usage";

export { USER_USAGE } from "./user-usage";

/** Every command the CLI accepts: the permission matrix test enumerates these. */
export const USER_COMMANDS = [
  "create",
  "list",
  "disable",
  "enable",
  "make-admin",
  "unmake-admin",
  "reset-password",
  "token create",
  "token list",
  "token revoke",
] as const;
export type UserCommand = (typeof USER_COMMANDS)[number];

export interface CliIo {
  /** Results: what a script captures. */
  out(line: string): void;
  /** Explanations for the person at the terminal, kept off stdout. */
  err(line: string): void;
  /** The password: read from stdin or asked for without echo. */
  readPassword(fromStdin: boolean): Promise<string>;
  baseUrl: string;
}

const OPTIONS = {
  email: { type: "string" },
  name: { type: "string" },
  admin: { type: "boolean", default: false },
  "password-stdin": { type: "boolean", default: false },
  invite: { type: "boolean", default: false },
  "read-only": { type: "boolean", default: false },
  "expires-days": { type: "string" },
} as const;

function parseOptions(args: string[]) {
  try {
    return parseArgs({ args: joinNegativeValues(args), options: OPTIONS, strict: true }).values;
  } catch (error) {
    // node's own wording ("Unknown option '--x'…"), first line only, without a stack.
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new UserFacingError(`${message} (npm run user -- --help shows the usage)`);
  }
}

const TAKES_VALUE = new Set(
  Object.entries(OPTIONS)
    .filter(([, option]) => option.type === "string")
    .map(([name]) => `--${name}`),
);

/**
 * `--expires-days -1` as `--expires-days=-1`: parseArgs takes a value that starts
 * with a dash for an option, so the number would never reach the schema that explains
 * the limits.
 */
function joinNegativeValues(args: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const next = args[i + 1];
    if (TAKES_VALUE.has(arg) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

export async function runUserCommand(argv: string[], io: CliIo): Promise<void> {
  if (isHelpRequest(argv)) {
    io.out(USER_USAGE);
    return;
  }
  const [first, ...afterFirst] = argv;
  const isToken = first === "token";
  const command = isToken ? `token ${afterFirst[0] ?? ""}`.trim() : first;
  const values = parseOptions(isToken ? afterFirst.slice(1) : afterFirst);
  const requireEmail = () => {
    if (!values.email) throw new UserFacingError(`--email is required.\n${USER_USAGE}`);
    return values.email;
  };
  switch (command) {
    case "create": {
      const password = values.invite ? undefined : await io.readPassword(values["password-stdin"]);
      const { user, invite } = await createUserAccount({
        actor: CLI_OPERATOR,
        input: { email: values.email, name: values.name, admin: values.admin, password },
      });
      io.out(`Created ${user.email}${user.isAdmin ? " (administrator)" : ""}.`);
      if (invite) io.out(inviteLine(io.baseUrl, invite));
      return;
    }
    case "list": {
      const users = await listUsers({ actor: CLI_OPERATOR });
      for (const u of users) {
        const flags = [
          u.isAdmin ? "admin" : "user",
          u.disabled ? "disabled" : "active",
          u.pendingInvite ? "invited" : null,
        ];
        io.out(`${u.email}\t${u.name}\t${flags.filter(Boolean).join(", ")}`);
      }
      if (users.length === 0) io.out("No users yet.");
      return;
    }
    case "disable":
    case "enable":
    case "make-admin":
    case "unmake-admin": {
      const email = requireEmail();
      const userId = await findUserIdByEmail({ actor: CLI_OPERATOR, email });
      await updateUserStatus({ actor: CLI_OPERATOR, userId, change: command });
      io.out(`${command}: done for ${email}.`);
      return;
    }
    case "reset-password": {
      const userId = await findUserIdByEmail({ actor: CLI_OPERATOR, email: requireEmail() });
      io.out(inviteLine(io.baseUrl, await resetPasswordLink({ actor: CLI_OPERATOR, userId })));
      return;
    }
    case "token create": {
      const account = await tokenAccount(values.email);
      const { token, summary } = await createApiToken({
        actor: account,
        by: CLI_OPERATOR,
        uniqueName: true,
        input: {
          name: values.name ?? "",
          scope: values["read-only"] ? "READ" : "READ_WRITE",
          expiresInDays: expiresDays(values["expires-days"]),
        },
      }).catch((error: unknown) => {
        throw namingOption(error, { name: "--name", expiresInDays: "--expires-days" });
      });
      io.out(token);
      io.err(
        `Created ${scopeWord(summary)} token "${summary.name}" for ${account.email}, ${
          summary.expiresAt ? `expiring ${summary.expiresAt.toISOString()}` : "never expiring"
        }. It is shown this once: store it now.`,
      );
      return;
    }
    case "token list": {
      const account = await tokenAccount(values.email);
      const tokens = await listApiTokens({ actor: account });
      if (tokens.length === 0) {
        io.err(`${account.email} has no API tokens.`);
        return;
      }
      io.err(["name", "scope", "created", "last used", "expires", "revoked", "status"].join("\t"));
      const now = new Date();
      for (const t of tokens) {
        io.out(
          [
            t.name.replace(/[\t\r\n]/g, " "),
            scopeWord(t),
            t.createdAt.toISOString(),
            t.lastUsedAt?.toISOString() ?? "never",
            t.expiresAt?.toISOString() ?? "never",
            t.revokedAt?.toISOString() ?? "-",
            tokenStatus(t, now),
          ].join("\t"),
        );
      }
      return;
    }
    case "token revoke": {
      const account = await tokenAccount(values.email);
      const name = (values.name ?? "").trim();
      if (!name) throw new UserFacingError("--name is required: the name of the token to revoke.");
      const named = (await listApiTokens({ actor: account })).filter((t) => t.name === name);
      if (named.length === 0)
        throw new UserFacingError(`${account.email} has no token called "${name}".`);
      // Every unrevoked one: after this no token of that name works (the account page allows
      // duplicates, and an expired token is revoked too so that it stays dead if extended).
      const unrevoked = named.filter((t) => !t.revokedAt);
      if (unrevoked.length === 0) {
        io.err(`Token "${name}" of ${account.email} was already revoked.`);
        return;
      }
      for (const t of unrevoked)
        await revokeApiToken({ actor: account, tokenId: t.id, by: CLI_OPERATOR });
      io.err(
        `Revoked ${unrevoked.length === 1 ? "token" : `${unrevoked.length} tokens`} "${name}" of ${account.email}.`,
      );
      return;
    }
    default:
      throw new UserFacingError(
        command ? `Unknown command "${command}".\n${USER_USAGE}` : USER_USAGE,
      );
  }
}

/** The account a token command acts as: it must exist and be enabled. */
async function tokenAccount(email: string | undefined): Promise<Actor> {
  if (!email) throw new UserFacingError("--email is required: the account the token belongs to.");
  const { account, disabled } = await findAccountByEmail({ actor: CLI_OPERATOR, email }).catch(
    (error: unknown) => {
      throw namingOption(error, { _form: "--email" });
    },
  );
  if (disabled)
    throw new UserFacingError(
      `${account.email} is disabled, and so are its tokens: enable it first (npm run user -- enable --email ${account.email}).`,
    );
  return account;
}

/**
 * The schema's words are the form's ("Use at least 1 day."): on the command line
 * they say which option they are about. Other errors pass through unchanged.
 */
function namingOption(error: unknown, optionOf: Record<string, string>): unknown {
  if (!(error instanceof AppError) || error.code !== "VALIDATION") return error;
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    const option = optionOf[field];
    if (option && messages[0])
      return new AppError("VALIDATION", `${option}: ${messages[0]}`, error.fieldErrors);
  }
  return error;
}

/** The form's schema reads "" as "never expires"; typed on the command line it is a mistake. */
function expiresDays(value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === "")
    throw new UserFacingError(
      "--expires-days needs a number of days (1 to 3650), or leave it out.",
    );
  return value;
}

function scopeWord(token: Pick<ApiTokenSummary, "scope">): string {
  return token.scope === "READ" ? "read" : "read-write";
}

function inviteLine(baseUrl: string, invite: Invitation): string {
  return `Link to set a password (valid until ${invite.expiresAt.toISOString()}, usable once):\n  ${baseUrl.replace(/\/$/, "")}/invite/${invite.token}`;
}
