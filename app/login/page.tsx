import { redirect } from "next/navigation";

import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { readOidcConfig } from "@/lib/auth/oidc-config";
import { readPageSession } from "@/lib/auth/require-session";

export const dynamic = "force-dynamic";

export const metadata = { title: "Sign in" };

interface LoginPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

function firstValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(firstValue(params.callbackUrl));
  const session = await readPageSession();
  if (session.status === "signed_in") {
    redirect(callbackPath);
  }
  return <LoginForm callbackPath={callbackPath} initialError={firstValue(params.error)} ssoEnabled={readOidcConfig() !== null} />;
}
