/**
 * The example application's pipeline jobs (catalog/shop.yaml annotates
 * `jenkins.io/job-full-name: shop/shop-web` and `shop/shop-backend`): Pipeline
 * jobs in the folder `shop`, running the new-service template's Jenkinsfile
 * (Test, Build image, Push to ECR, Bump image tag), with a history that
 * matches the Argo CD stand-in's deployments (shop-backend 2.3.0 in dev-a 35
 * minutes ago, shop-web 1.9.0 50 minutes ago).
 *
 * shop-backend's latest run failed its tests; shop-web's latest run is still
 * going. Times are relative to the stand-in's start.
 */

export type BuildResult = 'SUCCESS' | 'FAILURE' | 'UNSTABLE' | 'ABORTED';

export interface ExampleBuild {
  number: number;
  /** null: still running. */
  result: BuildResult | null;
  minutesAgo: number;
  durationSeconds: number;
  imageTag: string;
  commit: string;
  cause: { userId?: string; userName?: string; pushBy?: string };
  tests?: { total: number; failed: number; skipped: number };
  /** Where a failed run stopped and why (console log). */
  failure?: { stage: string; lines: string[] };
}

export interface ExampleJob {
  fullName: string;
  description: string;
  repository: string;
  deployEnvironments: string;
  builds: ExampleBuild[];
}

export const EXAMPLE_FOLDERS = ['shop'];

export const EXAMPLE_JOBS: ExampleJob[] = [
  {
    fullName: 'shop/shop-backend',
    description: 'shop-backend: test, build, push to ECR, bump the image tag',
    repository: 'https://github.com/acme/shop-backend.git',
    deployEnvironments: 'dev-a',
    builds: [
      {
        number: 52,
        result: 'SUCCESS',
        minutesAgo: 60 * 24 * 6 + 14,
        durationSeconds: 262,
        imageTag: '2.1.0',
        commit: '5d1e7a9c3b2f40e1a8c6d7e9f0a1b2c3d4e5f607',
        cause: { pushBy: 'daniel-cho' },
        tests: { total: 198, failed: 0, skipped: 2 },
      },
      {
        number: 53,
        result: 'FAILURE',
        minutesAgo: 60 * 24 * 3 + 40,
        durationSeconds: 131,
        imageTag: '2.2.0',
        commit: '8a2f4c6e1d3b5a7c9e0f2a4c6e8b0d2f4a6c8e0b',
        cause: { pushBy: 'minsu-park' },
        tests: { total: 205, failed: 2, skipped: 2 },
        failure: {
          stage: 'Test',
          lines: [
            'FAIL tests/test_orders.py::test_refund_rounds_to_the_cent',
            'FAIL tests/test_orders.py::test_refund_of_a_cancelled_order',
          ],
        },
      },
      {
        number: 54,
        result: 'SUCCESS',
        minutesAgo: 60 * 24 * 2 + 12,
        durationSeconds: 278,
        imageTag: '2.2.1',
        commit: 'c4e6a8b0d2f4c6e8a0b2d4f6a8c0e2b4d6f8a0c2',
        cause: { pushBy: 'minsu-park' },
        tests: { total: 207, failed: 0, skipped: 2 },
      },
      {
        number: 55,
        result: 'SUCCESS',
        minutesAgo: 42,
        durationSeconds: 301,
        imageTag: '2.3.0',
        commit: 'e1f3a5c7b9d1e3f5a7c9b1d3e5f7a9c1b3d5e7f9',
        cause: { userId: 'minsu.park', userName: 'Minsu Park' },
        tests: { total: 212, failed: 0, skipped: 2 },
      },
      {
        number: 56,
        result: 'FAILURE',
        minutesAgo: 12,
        durationSeconds: 148,
        imageTag: '2.3.1',
        commit: 'f7b9d1e3a5c7f9b1d3e5a7c9f1b3d5e7a9c1f3b5',
        cause: { pushBy: 'sora-lee' },
        tests: { total: 214, failed: 3, skipped: 2 },
        failure: {
          stage: 'Test',
          lines: [
            'FAIL tests/test_catalogue.py::test_price_in_krw_has_no_decimals',
            'FAIL tests/test_catalogue.py::test_search_by_category',
            'FAIL tests/test_health.py::test_healthz_reports_the_database',
          ],
        },
      },
    ],
  },
  {
    fullName: 'shop/shop-web',
    description: 'shop-web: test, build, push to ECR, bump the image tag',
    repository: 'https://github.com/acme/shop-web.git',
    deployEnvironments: 'dev-a',
    builds: [
      {
        number: 126,
        result: 'SUCCESS',
        minutesAgo: 60 * 24 * 9 + 20,
        durationSeconds: 189,
        imageTag: '1.7.2',
        commit: '0a2c4e6f8b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a',
        cause: { pushBy: 'sora-lee' },
        tests: { total: 86, failed: 0, skipped: 0 },
      },
      {
        number: 127,
        result: 'FAILURE',
        minutesAgo: 60 * 24 * 3 + 95,
        durationSeconds: 74,
        imageTag: '1.8.0',
        commit: '3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d',
        cause: { pushBy: 'sora-lee' },
        tests: { total: 90, failed: 1, skipped: 0 },
        failure: {
          stage: 'Test',
          lines: ['FAIL src/cart.test.js > cart total includes shipping'],
        },
      },
      {
        number: 128,
        result: 'SUCCESS',
        minutesAgo: 60 * 24 * 3 + 10,
        durationSeconds: 201,
        imageTag: '1.8.0',
        commit: '6e8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a',
        cause: { pushBy: 'sora-lee' },
        tests: { total: 90, failed: 0, skipped: 0 },
      },
      {
        number: 129,
        result: 'SUCCESS',
        minutesAgo: 58,
        durationSeconds: 215,
        imageTag: '1.9.0',
        commit: '9c1e3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f',
        cause: { userId: 'daniel.cho', userName: 'Daniel Cho' },
        tests: { total: 94, failed: 0, skipped: 1 },
      },
      {
        number: 130,
        result: null,
        minutesAgo: 3,
        durationSeconds: 0,
        imageTag: '1.9.1',
        commit: 'b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0',
        cause: { pushBy: 'sora-lee' },
      },
    ],
  },
];

const STAGES = ['Test', 'Build image', 'Push to ECR', 'Bump image tag'];

/** The console log of one example run, as the Pipeline plugin prints it. */
export function exampleLogLines(
  job: ExampleJob,
  build: ExampleBuild,
): string[] {
  const service = job.fullName.split('/').pop()!;
  const cause = build.cause.pushBy
    ? `Started by GitHub push by ${build.cause.pushBy}`
    : `Started by user ${build.cause.userName}`;
  const lines = [
    cause,
    `Obtained Jenkinsfile from git ${job.repository}`,
    '[Pipeline] Start of Pipeline',
    '[Pipeline] node',
    `Running on agent-2 in /var/lib/jenkins/workspace/${job.fullName.replace(
      /\//g,
      '_',
    )}`,
    '[Pipeline] { (Declarative: Checkout SCM)',
    `Checking out Revision ${build.commit} (refs/remotes/origin/main)`,
    '[Pipeline] }',
  ];
  for (const stage of STAGES) {
    lines.push(`[Pipeline] { (${stage})`);
    if (stage === 'Test') {
      lines.push('+ npm test');
      if (build.tests) {
        const passed =
          build.tests.total - build.tests.failed - build.tests.skipped;
        lines.push(...(build.failure?.lines ?? []));
        lines.push(
          `# tests ${build.tests.total}`,
          `# pass ${passed}`,
          `# skipped ${build.tests.skipped}`,
          `# fail ${build.tests.failed}`,
        );
      }
    }
    if (build.result === null && stage === 'Build image') {
      lines.push(
        `+ docker build --pull -t 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${service}:${build.imageTag} .`,
        'Step 1/9 : FROM node:22-alpine',
      );
      return lines;
    }
    if (build.failure?.stage === stage) {
      lines.push(
        '[Pipeline] }',
        `ERROR: script returned exit code 1`,
        '[Pipeline] { (Declarative: Post Actions)',
        "+ infra/jenkins/notify-portal.sh 'FAILURE' build.log",
        '[Pipeline] }',
        '[Pipeline] End of Pipeline',
        'Finished: FAILURE',
      );
      return lines;
    }
    if (stage === 'Build image') {
      lines.push(
        `+ docker build --pull -t 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/${service}:${build.imageTag} .`,
        `Successfully tagged ${service}:${build.imageTag}`,
      );
    } else if (stage === 'Push to ECR') {
      lines.push(
        `${build.imageTag}: digest: sha256:${build.commit}${build.commit.slice(
          0,
          24,
        )} size: 2418`,
      );
    } else if (stage === 'Bump image tag') {
      lines.push(
        `+ infra/jenkins/bump-image-tag.sh ${build.imageTag} ${job.deployEnvironments}`,
        `[main ${build.commit.slice(0, 7)}] ci(${service}): deploy image tag ${
          build.imageTag
        } to ${job.deployEnvironments}`,
      );
    }
    lines.push('[Pipeline] }');
  }
  lines.push(
    '[Pipeline] { (Declarative: Post Actions)',
    `+ infra/jenkins/notify-portal.sh '${build.result}' build.log`,
    '[Pipeline] }',
    '[Pipeline] End of Pipeline',
    `Finished: ${build.result}`,
  );
  return lines;
}
