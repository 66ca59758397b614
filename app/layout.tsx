import type { Metadata } from "next";
import type { ReactNode } from "react";

import { TopBar } from "@/components/layout/top-bar";
import { LiveUpdates } from "@/components/live/live-updates";
import { QueryProvider } from "@/components/providers/query-provider";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Watchfloor", template: "%s · Watchfloor" },
  description: "Incident response dashboard for AWS account compromise",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <QueryProvider>
          <LiveUpdates />
          <TopBar />
          <main>{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
