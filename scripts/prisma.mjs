// `npm run prisma -- <command>`: the Prisma CLI, run offline (see run-prisma.mjs).
// `migrate diff` with the client engine still needs DATABASE_URL to reach a server.
import { runPrisma } from "./run-prisma.mjs";

process.exit(runPrisma(process.argv.slice(2)));
