import { Command, CommanderError, InvalidArgumentError, Option } from "commander";

import { ApiError } from "@/lib/api/api-error";
import { isRole, ROLES, type Role } from "@/lib/auth/actor";
import { logger } from "@/lib/log";

import { runAuditVerifyCommand } from "./audit-command";
import { describeFailure } from "./describe-failure";
import { runChangeWindowsImportCommand } from "./change-windows-command";
import { runContainmentPlanCommand } from "./containment-command";
import { runCoverageCommand } from "./coverage-command";
import { runDemoCommand } from "./demo-command";
import { runIncidentsCommand } from "./incidents-command";
import { runIngestCommand } from "./ingest-command";
import { runMigrateCommand } from "./migrate-command";
import { runPostmortemCommand } from "./postmortem-command";
import { runStartCommand } from "./start-command";
import { runTokensCreateCommand, runTokensListCommand, runTokensRevokeCommand } from "./tokens-command";
import {
  runUsersAddCommand,
  runUsersListCommand,
  runUsersSetDisabledCommand,
  runUsersSetPasswordCommand,
  runUsersSetRoleCommand,
} from "./users-command";

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(`"${value}" is not a TCP port; give a whole number from 1 to 65535.`);
  }
  return port;
}

function parseRole(value: string): Role {
  if (!isRole(value)) {
    throw new InvalidArgumentError(`"${value}" is not a role; use one of ${ROLES.join(", ")}.`);
  }
  return value;
}

type SetExitCode = (code: number) => void;

function addUsersCommands(program: Command, setExitCode: SetExitCode): void {
  const users = program.command("users").description("manage the people who sign in to the dashboard");
  users
    .command("add")
    .description("create a user; prompts for the password on a terminal, else generates and prints one")
    .argument("<email>", "email address the user signs in with")
    .requiredOption("--role <role>", `role: ${ROLES.join(", ")}`, parseRole)
    .option("--name <name>", "display name")
    .option("--password-stdin", "read the password from standard input")
    .action(async (email: string, options) => setExitCode(await runUsersAddCommand(email, options)));
  users
    .command("list")
    .description("list users with role, state and last sign-in")
    .option("--json", "print a JSON array")
    .action(async (options) => setExitCode(await runUsersListCommand(options)));
  users
    .command("set-role")
    .description("change a user's role; applies to the user's next request")
    .argument("<email>")
    .argument("<role>", `one of ${ROLES.join(", ")}`, parseRole)
    .action(async (email: string, role: Role) => setExitCode(await runUsersSetRoleCommand(email, role)));
  users
    .command("disable")
    .description("block a user from signing in and end the user's open sessions")
    .argument("<email>")
    .action(async (email: string) => setExitCode(await runUsersSetDisabledCommand(email, true)));
  users
    .command("enable")
    .description("allow a disabled user to sign in again")
    .argument("<email>")
    .action(async (email: string) => setExitCode(await runUsersSetDisabledCommand(email, false)));
  users
    .command("set-password")
    .description("replace a user's password; prompts on a terminal, else generates and prints one")
    .argument("<email>")
    .option("--password-stdin", "read the password from standard input")
    .action(async (email: string, options) => setExitCode(await runUsersSetPasswordCommand(email, options)));
}

function addTokensCommands(program: Command, setExitCode: SetExitCode): void {
  const tokens = program.command("tokens").description("manage API tokens for scripts and integrations");
  tokens
    .command("create")
    .description("create an API token and print it once")
    .requiredOption("--role <role>", `role the token acts with: ${ROLES.join(", ")}`, parseRole)
    .requiredOption("--name <name>", "what the token is for, shown in lists and the audit log")
    .option("--json", "print the token and its details as JSON")
    .action(async (options) => setExitCode(await runTokensCreateCommand(options)));
  tokens
    .command("list")
    .description("list API tokens (never the tokens themselves)")
    .option("--json", "print a JSON array")
    .action(async (options) => setExitCode(await runTokensListCommand(options)));
  tokens
    .command("revoke")
    .description("revoke an API token by id")
    .argument("<id>", "token id from `watchfloor tokens list`")
    .action(async (id: string) => setExitCode(await runTokensRevokeCommand(id)));
}

function buildProgram(setExitCode: SetExitCode): Command {
  const program = new Command("watchfloor")
    .description("Watchfloor: AWS account-compromise incident response dashboard")
    .showHelpAfterError()
    .exitOverride();

  program
    .command("start")
    .description("run the dashboard (embedded PostgreSQL when DATABASE_URL is unset; demo data on first run)")
    .option("-p, --port <port>", "TCP port to listen on", parsePort, Number(process.env.PORT ?? 3000))
    .option("-H, --host <host>", "address to listen on", process.env.HOST ?? "127.0.0.1")
    .option("--no-demo", "do not load the demo scenario into an empty database")
    .option("--dev", "run the Next.js development server instead of a production build")
    .action(async (options) => setExitCode(await runStartCommand(options)));

  program
    .command("ingest")
    .description("ingest AWS log files and folders (CloudTrail, GuardDuty, VPC Flow Logs, IAM Access Advisor)")
    .argument("<paths...>", "files or folders; folders are read recursively")
    .option("--json", "print one JSON summary object on standard output instead of a progress bar")
    .option("--principal <arn>", "IAM principal an Access Advisor report without an Arn field is about")
    .action(async (paths: string[], options) => setExitCode(await runIngestCommand({ paths, ...options })));

  program
    .command("coverage")
    .description(
      "list log files CloudTrail digests name that were never ingested, and ingested files altered after delivery " +
        "(exit status 2 when there are any)",
    )
    .option("--json", "print one JSON object")
    .action(async (options) => setExitCode(await runCoverageCommand(options)));

  program
    .command("incidents")
    .description("list incidents, newest activity first")
    .option("--json", "print a JSON array")
    .option("--all", "include signal groups that have not crossed the incident threshold")
    .action(async (options) => setExitCode(await runIncidentsCommand(options)));

  program
    .command("demo")
    .description("write the demo account-compromise scenario as AWS log files and ingest them")
    .option("--out <dir>", "folder to write the files to (default: a new temporary folder)")
    .option("--json", "print the ingest summary as JSON")
    .action(async (options) => setExitCode(await runDemoCommand(options)));

  program
    .command("containment")
    .description("containment commands")
    .command("plan")
    .description("print the containment plan generated for an incident as AWS CLI commands; nothing is run")
    .argument("<incident>", "incident id, or its number as `watchfloor incidents` lists it")
    .option("--json", "print the plan as JSON")
    .action(async (incident: string, options) => setExitCode(await runContainmentPlanCommand({ incident, ...options })));

  program
    .command("audit")
    .description("audit log commands")
    .command("verify")
    .description("check the hash chain of the audit log and name the first broken entry")
    .option("--json", "print the result as JSON")
    .action(async (options) => setExitCode(await runAuditVerifyCommand(options)));

  addUsersCommands(program, setExitCode);
  addTokensCommands(program, setExitCode);

  program
    .command("change-windows")
    .description("change window commands")
    .command("import")
    .description("import change windows from a CSV (title,start,end,account,principal,reference) or iCalendar file")
    .argument("<file>", "a .csv or .ics file")
    .option("--json", "print the result as JSON")
    .action(async (file: string, options) => setExitCode(await runChangeWindowsImportCommand({ file, ...options })));

  program
    .command("postmortem")
    .description("export an incident's postmortem as Markdown or PDF, generating the draft when none exists")
    .argument("<incident>", "incident number or uuid")
    .addOption(new Option("--format <format>", "output format").choices(["md", "pdf"]).default("md"))
    .option("--out <file>", "file to write (default: standard output for md, postmortem-<number>.pdf for pdf)")
    .action(async (incident: string, options) => setExitCode(await runPostmortemCommand({ incident, ...options })));

  program
    .command("migrate")
    .description("apply pending database migrations and exit")
    .action(async () => setExitCode(await runMigrateCommand()));

  return program;
}

/** Runs the CLI and returns the process exit status. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    // An ApiError below 500 is a rejected input or state, fully described by its message.
    if (error instanceof ApiError && error.status < 500) {
      logger.debug({ code: error.code }, "command rejected");
    } else {
      logger.error({ err: error }, "command failed");
    }
    process.stderr.write(`watchfloor: ${describeFailure(error)}\n`);
    return 1;
  }
}
