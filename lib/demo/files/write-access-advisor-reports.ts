import {
  buildAccessAdvisorReport,
  type AdvisedService,
} from "../access-advisor/build-access-advisor-report";
import type { TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { CI_DEPLOY, REPORTS_SVC, type DemoIamUser } from "../scenario";
import { writeObject, type WrittenObject } from "./write-object";

/** Services allowed by reports-svc's own policy (AdministratorAccess is detached by then). */
const REPORTS_SVC_SERVICES: AdvisedService[] = [
  { serviceName: "Amazon S3", serviceNamespace: "s3" },
  { serviceName: "Amazon Athena", serviceNamespace: "athena" },
  { serviceName: "AWS Identity and Access Management", serviceNamespace: "iam" },
  { serviceName: "AWS Glue", serviceNamespace: "glue" },
  { serviceName: "AWS Key Management Service", serviceNamespace: "kms" },
  { serviceName: "Amazon CloudWatch Logs", serviceNamespace: "logs" },
  { serviceName: "Amazon Simple Notification Service", serviceNamespace: "sns" },
];

const CI_DEPLOY_SERVICES: AdvisedService[] = [
  { serviceName: "AWS CloudFormation", serviceNamespace: "cloudformation" },
  { serviceName: "AWS Lambda", serviceNamespace: "lambda" },
  { serviceName: "Amazon S3", serviceNamespace: "s3" },
  { serviceName: "Amazon Elastic Container Registry", serviceNamespace: "ecr" },
  { serviceName: "AWS Identity and Access Management", serviceNamespace: "iam" },
  { serviceName: "Amazon EC2", serviceNamespace: "ec2" },
  { serviceName: "Amazon CloudWatch Logs", serviceNamespace: "logs" },
  { serviceName: "Amazon Simple Queue Service", serviceNamespace: "sqs" },
];

const REPORTS: { user: DemoIamUser; services: AdvisedService[] }[] = [
  { user: REPORTS_SVC, services: REPORTS_SVC_SERVICES },
  { user: CI_DEPLOY, services: CI_DEPLOY_SERVICES },
];

/** Writes `access-advisor/<user name>.json` for reports-svc and ci-deploy, as the CLI prints it. */
export async function writeAccessAdvisorReports(options: {
  outDir: string;
  events: readonly TrailEvent[];
}): Promise<WrittenObject[]> {
  const written: WrittenObject[] = [];
  for (const { user, services } of REPORTS) {
    const report = buildAccessAdvisorReport({ user, services, events: options.events });
    written.push(
      await writeObject({
        outDir: options.outDir,
        key: `access-advisor/${user.userName}.json`,
        chunks: [`${JSON.stringify(report, null, 4)}\n`],
        gzip: false,
      }),
    );
  }
  return written;
}
