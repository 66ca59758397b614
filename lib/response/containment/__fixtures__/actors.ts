import type { Actor } from "@/lib/auth/actor";

export const ANALYST: Actor = {
  type: "user",
  id: "0b6f5a52-2f0c-4c7e-9a51-6d1f3c2e8a01",
  label: "dana.analyst@example.com",
  role: "analyst",
};

export const COMMANDER: Actor = {
  type: "user",
  id: "7c2d9e14-58a3-4b6f-8e20-1a9b4c7d3e02",
  label: "sam.commander@example.com",
  role: "commander",
};

/** A commander who proposes and then tries to approve the same plan. */
export const OTHER_COMMANDER: Actor = {
  type: "user",
  id: "3e8a1f60-9b2c-4d5e-a7f1-2c6b8d9e0f03",
  label: "lee.commander@example.com",
  role: "commander",
};
