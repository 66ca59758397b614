import { TokensAdmin } from "@/components/admin/tokens-admin";
import { listApiTokens } from "@/lib/auth/list-api-tokens";
import { requirePermission } from "@/lib/auth/require-session";

export const dynamic = "force-dynamic";

export const metadata = { title: "API tokens" };

export default async function TokensAdminPage() {
  await requirePermission("admin.tokens");
  const tokens = await listApiTokens();
  return <TokensAdmin initialTokens={tokens} />;
}
