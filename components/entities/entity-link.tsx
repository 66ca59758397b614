"use client";

import Link from "next/link";
import type { MouseEvent, ReactNode } from "react";

import styles from "./entity-link.module.css";

/** Path of a principal's page; the key is an ARN or another form from resolve-actor.ts, encoded as one segment. */
export function principalHref(key: string): string {
  return `/principals/${encodeURIComponent(key)}`;
}

export function accessKeyHref(accessKeyId: string): string {
  return `/access-keys/${encodeURIComponent(accessKeyId)}`;
}

export function addressHref(address: string): string {
  return `/addresses/${encodeURIComponent(address)}`;
}

interface EntityLinkProps {
  href: string;
  children: ReactNode;
  title?: string;
  mono?: boolean;
}

// A link inside a clickable table row must not also open the row's panel.
function stopRowClick(event: MouseEvent<HTMLAnchorElement>): void {
  event.stopPropagation();
}

function EntityLink({ href, children, title, mono }: EntityLinkProps) {
  return (
    <Link
      href={href}
      prefetch={false}
      className={mono ? `${styles.link} ${styles.mono}` : styles.link}
      title={title}
      onClick={stopRowClick}
    >
      {children}
    </Link>
  );
}

export function PrincipalLink(props: { principalKey: string; children?: ReactNode; title?: string }) {
  return (
    <EntityLink href={principalHref(props.principalKey)} title={props.title ?? props.principalKey}>
      {props.children ?? props.principalKey}
    </EntityLink>
  );
}

export function AccessKeyLink({ accessKeyId }: { accessKeyId: string }) {
  return (
    <EntityLink href={accessKeyHref(accessKeyId)} mono title={`Access key ${accessKeyId}`}>
      {accessKeyId}
    </EntityLink>
  );
}

export function AddressLink({ address }: { address: string }) {
  return (
    <EntityLink href={addressHref(address)} mono title={`Address ${address}`}>
      {address}
    </EntityLink>
  );
}
