import type { Locator, Page } from "@playwright/test";

/** The Containment section of an incident's page. */
export class ContainmentSection {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole("region", { name: "Containment" });
  }

  get generatedPlan(): Locator {
    return this.root.getByLabel("Generated plan");
  }

  get generatedSteps(): Locator {
    return this.generatedPlan.locator("ol > li");
  }

  /** The newest stored plan, whatever its status. */
  get currentPlan(): Locator {
    return this.root.locator("[data-plan-status]").first();
  }

  planSteps(): Locator {
    return this.currentPlan.locator("ol > li");
  }

  stepAt(position: number): Locator {
    return this.planSteps().nth(position - 1);
  }

  get distinctApproverToggle(): Locator {
    return this.root.getByLabel("Approver must differ from proposer");
  }

  get decisionText(): Locator {
    return this.currentPlan.getByLabel("Rationale (approve) or reason (reject)");
  }

  button(name: string | RegExp): Locator {
    return this.root.getByRole("button", { name });
  }

  get incidentContainedAt(): Locator {
    return this.root.getByTestId("incident-contained-at");
  }

  get planCompletedAt(): Locator {
    return this.currentPlan.getByTestId("plan-completed-at");
  }
}
