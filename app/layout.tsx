import type { Metadata } from "next";
import type { ReactNode } from "react";

import { TopBar } from "@/components/layout/top-bar";
import { LiveUpdates } from "@/components/live/live-updates";
import { QueryProvider } from "@/components/providers/query-provider";
import { ViewerProvider } from "@/components/providers/viewer-provider";
import { readPageSession } from "@/lib/auth/require-session";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Watchfloor", template: "%s · Watchfloor" },
  description: "Incident response dashboard for AWS account compromise",
};

// The layout only shows who is signed in; each page checks the session
// itself, because a layout is not rendered again on client-side navigation.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await readPageSession();
  const user = session.status === "signed_in" ? session.user : null;
  return (
    <html lang="en">
      <body>
        <QueryProvider>
          <ViewerProvider role={user?.role ?? null}>
            {user ? <LiveUpdates /> : null}
            <TopBar user={user ? { email: user.email, name: user.name, role: user.role } : null} />
            <main>{children}</main>
          </ViewerProvider>
        </QueryProvider>
      </body>
    </html>
  );
}
