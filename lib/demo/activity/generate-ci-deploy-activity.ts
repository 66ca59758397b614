import { buildAccessKeyCaller } from "../cloudtrail/build-callers";
import type { TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { createSeededRandom } from "../create-seeded-random";
import { addMinutes, addSeconds } from "../format-aws-time";
import {
  AWS_ADDRESSES,
  CI_DEPLOY,
  CI_DEPLOY_ACCESS_KEY_ID,
  DEMO_PERIOD,
  DEMO_SECONDARY_REGION,
  USER_AGENTS,
} from "../scenario";
import { buildDeployRun } from "./build-deploy-run";

/** The pipeline is scheduled every two hours, at twenty past. */
const RUN_INTERVAL_MINUTES = 120;
const FIRST_RUN_OFFSET_MINUTES = 20;
/** Every fourth run also deploys to the secondary region. */
const SECONDARY_REGION_EVERY = 4;

/** Generates ci-deploy's pipeline runs from the CI runner's EC2 address, around the clock. */
export function generateCiDeployActivity(options: { seed: number }): TrailEvent[] {
  const random = createSeededRandom(options.seed, "ci-deploy");
  const caller = buildAccessKeyCaller(
    CI_DEPLOY,
    CI_DEPLOY_ACCESS_KEY_ID,
    AWS_ADDRESSES.ciRunner,
    USER_AGENTS.ciDeployCliPrefix,
  );
  const end = new Date(DEMO_PERIOD.end);
  const events: TrailEvent[] = [];
  let scheduled = addMinutes(new Date(DEMO_PERIOD.start), FIRST_RUN_OFFSET_MINUTES);
  for (let run = 0; scheduled.getTime() < end.getTime() - 10 * 60 * 1000; run += 1) {
    events.push(
      ...buildDeployRun({
        random,
        caller,
        startTime: addSeconds(scheduled, random.int(4, 40)),
        secondaryRegion: run % SECONDARY_REGION_EVERY === 0 ? DEMO_SECONDARY_REGION : null,
      }),
    );
    scheduled = addMinutes(scheduled, RUN_INTERVAL_MINUTES);
  }
  return events;
}
