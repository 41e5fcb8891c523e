/**
 * The example organisation's AWS account as Cost Explorer bills it, line
 * by line, the way a real account with EKS looks: worker nodes (EC2), their
 * EBS volumes ("EC2 - Other"), the EKS control plane and the load
 * balancers carry only the cluster's `environment` tag; the `service` tag
 * is only on resources dedicated to one service (the shop's RDS database,
 * shop-web's S3 bucket); some lines carry no tag at all (the NAT gateway,
 * DNS, account-wide logs). Cluster lines are priced from the node-hours,
 * volumes and Ingresses of the example clusters (../eks), the same ones the
 * example Prometheus servers describe.
 *
 * With `splitCostAllocation`, EC2 lines are split by pod as AWS "split cost
 * allocation data for Amazon EKS" does once its `aws:eks:*` tags are
 * activated.
 */
import {
  EXAMPLE_CLUSTERS,
  clusterHourCost,
  exampleClusterHour,
  unit,
} from '../eks/exampleClusters.ts';

export interface BillingLine {
  /** Cost Explorer's SERVICE dimension. */
  awsService: string;
  /** Cost allocation tags on the resource (absent = untagged). */
  tags: Record<string, string>;
  /** USD on that day. */
  amount: number;
}

/** An account as billing lines per day. */
export interface LineModel {
  kind: 'lines';
  /** Every SERVICE dimension value the account has. */
  awsServices: string[];
  lines(day: string): BillingLine[];
}

const DEDICATED: Record<string, [string, string, number][]> = {
  // [AWS service, service tag, USD per day] per environment.
  'dev-a': [
    ['Amazon Relational Database Service', 'shop-backend', 4],
    ['Amazon Simple Storage Service', 'shop-web', 0.3],
  ],
  staging: [
    ['Amazon Relational Database Service', 'shop-backend', 2.5],
    ['Amazon Simple Storage Service', 'shop-web', 0.5],
  ],
  prod: [
    ['Amazon Relational Database Service', 'shop-backend', 12.5],
    ['Amazon Simple Storage Service', 'shop-web', 2.1],
  ],
};
const CLUSTER_LOGS: Record<string, number> = {
  'dev-a': 0.8,
  staging: 1.2,
  prod: 3.5,
};
const UNTAGGED: [string, number][] = [
  ['EC2 - Other', 1.1], // the NAT gateway
  ['Amazon Route 53', 0.5],
  ['AmazonCloudWatch', 0.4],
  ['AWS Key Management Service', 0.1],
];

const AWS_SERVICES = [
  'Amazon Elastic Compute Cloud - Compute',
  'EC2 - Other',
  'Amazon Elastic Kubernetes Service',
  'Elastic Load Balancing',
  'Amazon Relational Database Service',
  'Amazon Simple Storage Service',
  'AmazonCloudWatch',
  'Amazon Route 53',
  'AWS Key Management Service',
];

function cents(usd: number) {
  return Math.round(usd * 100) / 100;
}

/** One cluster's day: the four cluster lines, summed over its 24 hours. */
function clusterLines(
  environment: string,
  day: string,
  split: boolean,
): BillingLine[] {
  const start = Date.parse(`${day}T00:00:00Z`) / 1000;
  const sums: Record<string, number> = {};
  const byPod = new Map<
    string,
    { namespace: string; workload: string; usd: number }
  >();
  for (let h = 0; h < 24; h++) {
    const hour = exampleClusterHour(environment, start + h * 3600)!;
    const cost = clusterHourCost(hour, day);
    for (const [service, usd] of Object.entries(cost)) {
      sums[service] = (sums[service] ?? 0) + usd;
    }
    if (split)
      splitHour(hour, cost['Amazon Elastic Compute Cloud - Compute'], byPod);
  }
  const tags = { environment };
  const lines: BillingLine[] = Object.entries(sums).map(
    ([awsService, usd]) => ({
      awsService,
      tags,
      amount: cents(usd),
    }),
  );
  if (!split) return lines;
  // The EC2 line becomes one line per workload; rounding stays on the rest.
  const ec2 = lines.find(
    l => l.awsService === 'Amazon Elastic Compute Cloud - Compute',
  )!;
  let rest = ec2.amount;
  for (const w of byPod.values()) {
    const amount = cents(w.usd);
    rest -= amount;
    lines.push({
      awsService: ec2.awsService,
      tags: {
        ...tags,
        'aws:eks:cluster-name': environment,
        'aws:eks:namespace': w.namespace,
        'aws:eks:workload-name': w.workload,
      },
      amount,
    });
  }
  ec2.amount = cents(rest);
  return lines;
}

/** A node-hour's cost to its pods by request (AWS's split), the rest unallocated. */
function splitHour(
  hour: NonNullable<ReturnType<typeof exampleClusterHour>>,
  compute: number,
  byPod: Map<string, { namespace: string; workload: string; usd: number }>,
) {
  const perNode = compute / hour.nodes.length;
  for (const node of hour.nodes) {
    for (const pod of hour.pods.filter(p => p.node === node.node)) {
      const share =
        (0.5 * Math.max(pod.cpuRequestCores, pod.cpuUsageCores)) /
          node.cpuCores +
        (0.5 * Math.max(pod.memoryRequestBytes, pod.memoryUsageBytes)) /
          node.memoryBytes;
      const workload = pod.app ?? pod.pod.replace(/-[^-]+$/, '');
      const key = `${pod.namespace}/${workload}`;
      const entry = byPod.get(key) ?? {
        namespace: pod.namespace,
        workload,
        usd: 0,
      };
      entry.usd += perNode * share;
      byPod.set(key, entry);
    }
  }
}

/** The example account; the same day always gives the same lines. */
export function exampleAccount(
  options: { splitCostAllocation?: boolean } = {},
): LineModel {
  const cache = new Map<string, BillingLine[]>();
  return {
    kind: 'lines',
    awsServices: AWS_SERVICES,
    lines(day) {
      const cached = cache.get(day);
      if (cached) return cached;
      const noise = (seed: string) => 0.95 + unit(`${seed}|${day}`) * 0.1;
      const lines: BillingLine[] = [];
      for (const { name } of EXAMPLE_CLUSTERS) {
        lines.push(
          ...clusterLines(name, day, options.splitCostAllocation ?? false),
        );
        for (const [awsService, service, usd] of DEDICATED[name]) {
          lines.push({
            awsService,
            tags: { environment: name, service },
            amount: cents(usd * noise(`${name}|${awsService}`)),
          });
        }
        lines.push({
          awsService: 'AmazonCloudWatch',
          tags: { environment: name },
          amount: cents(CLUSTER_LOGS[name] * noise(`${name}|logs`)),
        });
      }
      for (const [awsService, usd] of UNTAGGED) {
        lines.push({
          awsService,
          tags: {},
          amount: cents(usd * noise(awsService)),
        });
      }
      if (cache.size > 2000) cache.clear();
      cache.set(day, lines);
      return lines;
    },
  };
}
