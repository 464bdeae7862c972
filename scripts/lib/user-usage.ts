/**
 * The user CLI's usage, apart from its commands so that `--help` answers
 * without a database (scripts/user.ts asks before starting one).
 */
export const USER_USAGE = `Usage: npm run user -- <command>
  create --email <email> --name <name> [--admin] [--password-stdin | --invite]
                                   create an account; the password is asked for (or read from
                                   stdin with --password-stdin); --invite prints a link instead
  list                             list accounts
  disable --email <email>          disable an account (its sessions and tokens stop at once)
  enable --email <email>           enable it again
  make-admin --email <email>       make an administrator
  unmake-admin --email <email>     take administrator rights away
  reset-password --email <email>   print a new link to set a password
  token create --email <email> --name <token name> [--read-only] [--expires-days <N>]
                                   make a personal API token for that account (read-write
                                   unless --read-only; expires after N days, 1 to 3650, or
                                   never); prints the token alone on stdout, shown this once
  token list --email <email>       list the account's tokens (never their secrets)
  token revoke --email <email> --name <token name>
                                   revoke the account's token(s) of that name
  help, --help, -h                 print this`;

/** `help`, or `--help`/`-h` anywhere (`token create --help` too). */
export function isHelpRequest(argv: readonly string[]): boolean {
  return argv[0] === "help" || argv.some((arg) => arg === "--help" || arg === "-h");
}
