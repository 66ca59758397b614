import { buildConsoleCaller } from "../cloudtrail/build-callers";
import type { Caller, TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { buildConsoleLogin } from "../cloudtrail/build-signin-records";
import type { SeededRandom } from "../create-seeded-random";
import { addSeconds } from "../format-aws-time";
import type { DemoIamUser } from "../scenario";
import type { ConsoleRead } from "./build-console-reads";

export interface ConsoleSessionOptions {
  random: SeededRandom;
  user: DemoIamUser;
  loginTime: Date;
  /** The ASIA key the console signs this session's calls with. */
  sessionAccessKeyId: string;
  sourceIPAddress: string;
  userAgent: string;
  mfaIdentifier: string;
  reads: readonly ConsoleRead[];
  readCount: number;
  /** Reads are spread over this many minutes after the login. */
  durationMinutes: number;
  punctual?: boolean;
}

export interface ConsoleSession {
  caller: Caller;
  events: TrailEvent[];
}

/** Builds a console sign-in with MFA followed by browsing, all from one address. */
export function buildConsoleSession(options: ConsoleSessionOptions): ConsoleSession {
  const { random } = options;
  const caller = buildConsoleCaller(
    options.user,
    {
      accessKeyId: options.sessionAccessKeyId,
      creationDate: options.loginTime,
      mfaAuthenticated: true,
    },
    options.sourceIPAddress,
    options.userAgent,
  );
  const events = [
    buildConsoleLogin({
      random,
      user: options.user,
      eventTime: options.loginTime,
      sourceIPAddress: options.sourceIPAddress,
      userAgent: options.userAgent,
      mfaIdentifier: options.mfaIdentifier,
      punctual: options.punctual,
    }),
  ];
  const offsets = Array.from({ length: options.readCount }, () =>
    random.int(8, options.durationMinutes * 60),
  ).sort((left, right) => left - right);
  for (const offset of offsets) {
    const read = random.pick(options.reads);
    events.push(read({ random, caller, eventTime: addSeconds(options.loginTime, offset) }));
  }
  return { caller, events };
}
