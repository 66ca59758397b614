/** Outcome counts of one rule over labelled samples. */
export interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export function emptyTally(): Tally {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
}

/** Adds one labelled case: whether the rule was expected to fire, and whether it did. */
export function addCase(tally: Tally, expected: boolean, fired: boolean): void {
  if (expected && fired) {
    tally.truePositives += 1;
  } else if (expected) {
    tally.falseNegatives += 1;
  } else if (fired) {
    tally.falsePositives += 1;
  } else {
    tally.trueNegatives += 1;
  }
}

/** Returns TP / (TP + FP), or null when the rule never fired. */
export function precision(tally: Tally): number | null {
  const fired = tally.truePositives + tally.falsePositives;
  return fired === 0 ? null : tally.truePositives / fired;
}

/** Returns TP / (TP + FN), or null when no case expected the rule to fire. */
export function recall(tally: Tally): number | null {
  const expected = tally.truePositives + tally.falseNegatives;
  return expected === 0 ? null : tally.truePositives / expected;
}

export function sumTallies(tallies: Iterable<Tally>): Tally {
  const total = emptyTally();
  for (const tally of tallies) {
    total.truePositives += tally.truePositives;
    total.falsePositives += tally.falsePositives;
    total.falseNegatives += tally.falseNegatives;
    total.trueNegatives += tally.trueNegatives;
  }
  return total;
}

/** Adds a case to the tally of `ruleId` in `tallies`, creating it when missing. */
export function addRuleCase(tallies: Map<string, Tally>, ruleId: string, expected: boolean, fired: boolean): void {
  const tally = tallies.get(ruleId) ?? emptyTally();
  addCase(tally, expected, fired);
  tallies.set(ruleId, tally);
}
