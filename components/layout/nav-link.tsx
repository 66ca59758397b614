"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

import styles from "./top-bar.module.css";

/** A top-bar link, marked current on its own path and on the paths listed in `matches`. */
export function NavLink(props: { href: string; matches: string[]; children: ReactNode }) {
  const pathname = usePathname();
  const current = props.matches.some((prefix) =>
    prefix === "/" ? pathname === "/" : pathname === prefix || pathname.startsWith(`${prefix}/`),
  );
  return (
    <Link href={props.href} className={styles.link} aria-current={current ? "page" : undefined}>
      {props.children}
    </Link>
  );
}
