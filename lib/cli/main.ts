import { Command, CommanderError, InvalidArgumentError, Option } from "commander";

import { logger } from "@/lib/log";

import { runAuditVerifyCommand } from "./audit-command";
import { runContainmentPlanCommand } from "./containment-command";
import { runDemoCommand } from "./demo-command";
import { runIncidentsCommand } from "./incidents-command";
import { runIngestCommand } from "./ingest-command";
import { runMigrateCommand } from "./migrate-command";
import { runPostmortemCommand } from "./postmortem-command";
import { runStartCommand } from "./start-command";

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(`"${value}" is not a TCP port; give a whole number from 1 to 65535.`);
  }
  return port;
}

function buildProgram(setExitCode: (code: number) => void): Command {
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
    logger.error({ err: error }, "command failed");
    process.stderr.write(`watchfloor: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
