import { pgPool } from "@/lib/db/client";

import { attackerCondition, scopeCondition, type IncidentScope } from "./incident-scope";
import type { AttackEventList } from "./postmortem-evidence";

/** Attack events listed on a postmortem timeline; the rest are counted. */
export const ATTACK_EVENT_LIMIT = 200;

interface AttackEventRow {
  event_time: Date;
  source: string;
  natural_id: string;
  event_name: string | null;
  principal_name: string | null;
  source_ip: string | null;
  access_key_id: string | null;
  error_code: string | null;
  total: string;
}

/** Loads the earliest events from the attacker's addresses or keys within the window, with their total count. */
export async function loadAttackEvents(scope: IncidentScope): Promise<AttackEventList> {
  const inScope = scopeCondition(scope, 1);
  const attacker = attackerCondition(scope, 5);
  const result = await pgPool().query<AttackEventRow>(
    `SELECT event_time, source, natural_id, event_name, principal_name, host(source_ip) AS source_ip,
            access_key_id, error_code, count(*) OVER () AS total
       FROM events
      WHERE source = 'cloudtrail' AND ${inScope.sql} AND ${attacker.sql}
      ORDER BY event_time, id
      LIMIT ${ATTACK_EVENT_LIMIT}`,
    [...inScope.params, ...attacker.params],
  );
  return {
    total: Number(result.rows[0]?.total ?? 0),
    events: result.rows.map((row) => ({
      at: row.event_time.toISOString(),
      source: row.source,
      naturalId: row.natural_id,
      eventName: row.event_name,
      principalName: row.principal_name,
      sourceIp: row.source_ip,
      accessKeyId: row.access_key_id,
      errorCode: row.error_code,
    })),
  };
}
