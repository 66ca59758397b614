// Generates the Prisma client offline (see run-prisma.mjs); runs after npm install.
import { runPrisma } from "./run-prisma.mjs";

process.exit(runPrisma(["generate"]));
