import type { ReactNode } from "react";

import styles from "./entity-page.module.css";

/** Renders one labelled fact in an entity page header. */
export function Fact(props: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={props.wide ? `${styles.fact} ${styles.wide}` : styles.fact}>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
