import { UsersAdmin } from "@/components/admin/users-admin";
import { requirePermission } from "@/lib/auth/require-session";
import { listUsers } from "@/lib/auth/list-users";
import { readOidcConfig } from "@/lib/auth/oidc-config";

export const dynamic = "force-dynamic";

export const metadata = { title: "Users" };

export default async function UsersAdminPage() {
  const admin = await requirePermission("admin.users");
  const users = await listUsers();
  return <UsersAdmin initialUsers={users} currentUserId={admin.id} ssoEnabled={readOidcConfig() !== null} />;
}
