export { DEFAULT_FORMAT, FLOW_FIELDS } from "./flow-fields";
export { newFlowLogStats, parseFlowLogLines, type ParseFlowLogInput } from "./parse-flow-log";
export type * from "./types";
