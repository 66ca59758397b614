import { beforeAll, describe, expect, it } from "vitest";

import { GET } from "@/app/api/coverage/gaps/route";

import { createTestAuthorization } from "../helpers/api-token";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

let authorization = "";

beforeAll(async () => {
  authorization = (await createTestAuthorization("analyst")).authorization;
});

function get(query: string): Promise<Response> {
  const request = new Request(`http://127.0.0.1/api/coverage/gaps?${query}`, { headers: { authorization } });
  return GET(request, { params: Promise.resolve({}) });
}

describe("GET /api/coverage/gaps", () => {
  it("answers a list for one account", async () => {
    const response = await get("from=2024-03-05T12:00:00Z&to=2024-03-05T18:00:00Z&accounts=111122223333,999988887777");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });

  it("rejects an account id that is not 12 digits", async () => {
    const response = await get("from=2024-03-05T12:00:00Z&to=2024-03-05T18:00:00Z&accounts=1111");
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { field: string; message: string } };
    expect(error.field).toBe("query.accounts");
    expect(error.message).toContain("expected comma-separated 12-digit AWS account ids");
  });
});
