/** Colour of an answer by the way it points: red for risk, green for the benign reading. */
export function indicationColor(indication: string): string {
  switch (indication) {
    case "compromise":
    case "disable":
    case "downtime":
      return "#ff8a3d";
    case "legitimate":
    case "wait":
    case "safe":
      return "#3fb950";
    default:
      return "#8593a3";
  }
}

const CONCLUSION_LABELS: Record<string, string> = {
  compromise: "compromise",
  legitimate_admin: "legitimate admin",
  undetermined: "undetermined",
  disable_now: "disable now",
  wait: "wait",
  may_cause_downtime: "may cause downtime",
  no_downtime: "safe without downtime",
};

export function conclusionLabel(conclusion: string): string {
  return CONCLUSION_LABELS[conclusion] ?? conclusion;
}

export function conclusionColor(conclusion: string): string {
  if (["compromise", "disable_now", "may_cause_downtime"].includes(conclusion)) {
    return "#ff8a3d";
  }
  return ["legitimate_admin", "wait", "no_downtime"].includes(conclusion) ? "#3fb950" : "#8593a3";
}
