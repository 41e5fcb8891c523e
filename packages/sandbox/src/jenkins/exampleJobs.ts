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

const DAY = 60 * 24;
const push = (pushBy: string) => ({ pushBy });
const user = (userId: string, userName: string) => ({ userId, userName });

/** The columns of a build table, in order; tests [total, failed, skipped] last. */
const COLUMNS = [
  'number',
  'result',
  'minutesAgo',
  'durationSeconds',
  'imageTag',
  'commit',
  'cause',
] as const;

type BuildRow = [
  number: number,
  result: BuildResult | null,
  minutesAgo: number,
  durationSeconds: number,
  imageTag: string,
  commit: string,
  cause: ExampleBuild['cause'],
  tests?: [total: number, failed: number, skipped: number],
];

/** The builds of a table, with the failures of the failed ones by number. */
function buildsOf(
  rows: BuildRow[],
  failures: Record<number, ExampleBuild['failure']>,
): ExampleBuild[] {
  return rows.map(row => {
    const build = Object.fromEntries(
      COLUMNS.map((column, i) => [column, row[i]]),
    ) as Pick<ExampleBuild, (typeof COLUMNS)[number]>;
    const tests = row[COLUMNS.length] as BuildRow[7];
    return {
      ...build,
      ...(tests && {
        tests: { total: tests[0], failed: tests[1], skipped: tests[2] },
      }),
      ...(failures[build.number] && { failure: failures[build.number] }),
    };
  });
}

function shopJob(name: string, builds: ExampleBuild[]): ExampleJob {
  return {
    fullName: `shop/${name}`,
    description: `${name}: test, build, push to ECR, bump the image tag`,
    repository: `https://github.com/acme/${name}.git`,
    deployEnvironments: 'dev-a',
    builds,
  };
}

/* prettier-ignore */
const SHOP_BACKEND: BuildRow[] = [
  [52, 'SUCCESS', 6 * DAY + 14, 262, '2.1.0', '5d1e7a9c3b2f40e1a8c6d7e9f0a1b2c3d4e5f607', push('daniel-cho'), [198, 0, 2]],
  [53, 'FAILURE', 3 * DAY + 40, 131, '2.2.0', '8a2f4c6e1d3b5a7c9e0f2a4c6e8b0d2f4a6c8e0b', push('minsu-park'), [205, 2, 2]],
  [54, 'SUCCESS', 2 * DAY + 12, 278, '2.2.1', 'c4e6a8b0d2f4c6e8a0b2d4f6a8c0e2b4d6f8a0c2', push('minsu-park'), [207, 0, 2]],
  [55, 'SUCCESS', 42, 301, '2.3.0', 'e1f3a5c7b9d1e3f5a7c9b1d3e5f7a9c1b3d5e7f9', user('minsu.park', 'Minsu Park'), [212, 0, 2]],
  [56, 'FAILURE', 12, 148, '2.3.1', 'f7b9d1e3a5c7f9b1d3e5a7c9f1b3d5e7a9c1f3b5', push('sora-lee'), [214, 3, 2]],
];

/* prettier-ignore */
const SHOP_WEB: BuildRow[] = [
  [126, 'SUCCESS', 9 * DAY + 20, 189, '1.7.2', '0a2c4e6f8b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a', push('sora-lee'), [86, 0, 0]],
  [127, 'FAILURE', 3 * DAY + 95, 74, '1.8.0', '3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d', push('sora-lee'), [90, 1, 0]],
  [128, 'SUCCESS', 3 * DAY + 10, 201, '1.8.0', '6e8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a', push('sora-lee'), [90, 0, 0]],
  [129, 'SUCCESS', 58, 215, '1.9.0', '9c1e3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f', user('daniel.cho', 'Daniel Cho'), [94, 0, 1]],
  [130, null, 3, 0, '1.9.1', 'b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0', push('sora-lee')],
];

export const EXAMPLE_JOBS: ExampleJob[] = [
  shopJob(
    'shop-backend',
    buildsOf(SHOP_BACKEND, {
      53: {
        stage: 'Test',
        lines: [
          'FAIL tests/test_orders.py::test_refund_rounds_to_the_cent',
          'FAIL tests/test_orders.py::test_refund_of_a_cancelled_order',
        ],
      },
      56: {
        stage: 'Test',
        lines: [
          'FAIL tests/test_catalogue.py::test_price_in_krw_has_no_decimals',
          'FAIL tests/test_catalogue.py::test_search_by_category',
          'FAIL tests/test_health.py::test_healthz_reports_the_database',
        ],
      },
    }),
  ),
  shopJob(
    'shop-web',
    buildsOf(SHOP_WEB, {
      127: {
        stage: 'Test',
        lines: ['FAIL src/cart.test.js > cart total includes shipping'],
      },
    }),
  ),
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
