import type { CloudTrailRecord, TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import type { SeededRandom } from "../create-seeded-random";
import { addSeconds } from "../format-aws-time";

const SLOT_MS = 5 * 60 * 1000;

/** One CloudTrail log file to deliver: a region, a delivery time, its records in file order. */
export interface PlannedLogFile {
  region: string;
  /** Delivery time; its minute is the `YYYYMMDDTHHmmZ` of the file name. */
  deliveredAt: Date;
  records: CloudTrailRecord[];
  oldestEventTime: Date;
  newestEventTime: Date;
}

/**
 * CloudTrail delivers a region's events about every five minutes, and an
 * event can arrive in a later file (CloudTrail user guide, "CloudTrail log
 * file examples": a file delivered at a time can hold records of any earlier
 * time). Most events here land in the first slot after them, some one or two
 * slots later, so no event is more than fifteen minutes late.
 */
function pickSlot(random: SeededRandom, event: TrailEvent): number {
  const firstSlot = Math.floor(event.eventTime.getTime() / SLOT_MS) * SLOT_MS + SLOT_MS;
  if (event.punctual) {
    return firstSlot;
  }
  const draw = random.next();
  if (draw < 0.88) {
    return firstSlot;
  }
  const extraSlots = draw < 0.96 ? 1 : 2;
  return firstSlot + extraSlots * SLOT_MS;
}

function timeRange(events: TrailEvent[]): { oldest: Date; newest: Date } {
  const times = events.map((event) => event.eventTime.getTime());
  return { oldest: new Date(Math.min(...times)), newest: new Date(Math.max(...times)) };
}

/**
 * Groups events into one file per region and delivery slot, with the records
 * of each file shuffled, because CloudTrail log files are not ordered
 * (CloudTrail user guide, "Understanding CloudTrail events"). Files come out
 * sorted by delivery time, then region.
 */
export function planCloudTrailDeliveries(
  random: SeededRandom,
  events: readonly TrailEvent[],
): PlannedLogFile[] {
  const groups = new Map<string, { region: string; slot: number; events: TrailEvent[] }>();
  for (const event of events) {
    const slot = pickSlot(random, event);
    const id = `${slot}|${event.region}`;
    const group = groups.get(id) ?? { region: event.region, slot, events: [] };
    group.events.push(event);
    groups.set(id, group);
  }
  const ordered = [...groups.values()].sort(
    (left, right) => left.slot - right.slot || (left.region < right.region ? -1 : 1),
  );
  return ordered.map((group) => {
    const { oldest, newest } = timeRange(group.events);
    const shuffled = random.shuffle([...group.events]);
    return {
      region: group.region,
      deliveredAt: addSeconds(new Date(group.slot), random.int(3, 58)),
      records: shuffled.map((event) => event.record),
      oldestEventTime: oldest,
      newestEventTime: newest,
    };
  });
}
