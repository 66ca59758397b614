export {
  normalizeAccessAdvisor,
  type NormalizeAccessAdvisorInput,
} from "./normalize-access-advisor";
export type * from "./types";
