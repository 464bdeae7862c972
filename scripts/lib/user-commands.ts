/**
 * `npm run user -- …`: user administration for headless servers. Every command
 * goes through the same lib/server functions as the admin pages, acting as the
 * operator (CLI_OPERATOR, audited with no actor id). Importing this module
 * requires DATABASE_URL to be set already (lib/db reads it on first use).
 */
import { parseArgs } from "node:util";
import {
  createUserAccount,
  findUserIdByEmail,
  listUsers,
  resetPasswordLink,
  updateUserStatus,
} from "../../lib/server/accounts/users";
import { type Invitation } from "../../lib/server/accounts/invites";
import { CLI_OPERATOR } from "../../lib/server/actor";
import { UserFacingError } from "./cli";

export const USER_USAGE = `Usage: npm run user -- <command>
  create --email <email> --name <name> [--admin] [--password-stdin | --invite]
                                   create an account; the password is asked for (or read from
                                   stdin with --password-stdin); --invite prints a link instead
  list                             list accounts
  disable --email <email>          disable an account (its sessions and tokens stop at once)
  enable --email <email>           enable it again
  make-admin --email <email>       make an administrator
  unmake-admin --email <email>     take administrator rights away
  reset-password --email <email>   print a new link to set a password`;

/** Every command the CLI accepts: the permission matrix test enumerates these. */
export const USER_COMMANDS = [
  "create",
  "list",
  "disable",
  "enable",
  "make-admin",
  "unmake-admin",
  "reset-password",
] as const;
export type UserCommand = (typeof USER_COMMANDS)[number];

export interface CliIo {
  out(line: string): void;
  /** The password: read from stdin or asked for without echo. */
  readPassword(fromStdin: boolean): Promise<string>;
  baseUrl: string;
}

export async function runUserCommand(argv: string[], io: CliIo): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      admin: { type: "boolean", default: false },
      "password-stdin": { type: "boolean", default: false },
      invite: { type: "boolean", default: false },
    },
    strict: true,
  });
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
    default:
      throw new UserFacingError(
        command ? `Unknown command "${command}".\n${USER_USAGE}` : USER_USAGE,
      );
  }
}

function inviteLine(baseUrl: string, invite: Invitation): string {
  return `Link to set a password (valid until ${invite.expiresAt.toISOString()}, usable once):\n  ${baseUrl.replace(/\/$/, "")}/invite/${invite.token}`;
}
