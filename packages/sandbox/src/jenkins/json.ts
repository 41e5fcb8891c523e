import { EXAMPLE_JOBS } from './exampleJobs.ts';
import { applyTree, ExportedMap, plain } from './tree.ts';
import {
  JENKINS_FOLDERS,
  JENKINS_JOBS,
  JENKINS_USER,
  type Build,
  type JenkinsState,
  type QueueItem,
} from './state.ts';

/** The URL of a job or folder under Jenkins' root URL `root`. */
export const jobUrl = (root: string, job: string) =>
  `${root}/${job
    .split('/')
    .map(n => `job/${encodeURIComponent(n)}`)
    .join('/')}/`;

/**
 * The JSON Jenkins writes for builds, jobs, folders and queue items, with
 * absolute URLs under the configured root URL `root`.
 */
export function jenkinsJson(root: string, state: JenkinsState) {
  const urlOf = (job: string) => jobUrl(root, job);
  /** The names and URL Jenkins gives a job or folder at `path` (a/b). */
  const namesOf = (path: string) => ({
    displayName: path.split('/').pop(),
    fullDisplayName: path.replace(/\//g, ' » '),
    fullName: path,
    name: path.split('/').pop(),
    url: urlOf(path),
  });

  const parametersAction = (parameters: Record<string, string>) => ({
    _class: 'hudson.model.ParametersAction',
    parameters: Object.entries(parameters).map(([name, value]) => ({
      _class: 'hudson.model.StringParameterValue',
      name,
      value,
    })),
  });

  const causeAction = (build: Build) => {
    const cause = build.example?.cause;
    if (cause?.pushBy) {
      return {
        _class: 'hudson.model.CauseAction',
        causes: [
          {
            _class: 'com.cloudbees.jenkins.GitHubPushCause',
            shortDescription: `Started by GitHub push by ${cause.pushBy}`,
          },
        ],
      };
    }
    return {
      _class: 'hudson.model.CauseAction',
      causes: [
        {
          _class: 'hudson.model.Cause$UserIdCause',
          shortDescription: `Started by user ${
            cause?.userName ?? JENKINS_USER
          }`,
          userId: cause?.userId ?? JENKINS_USER,
          userName: cause?.userName ?? JENKINS_USER,
        },
      ],
    };
  };

  /** The git plugin's record of what was checked out (`BuildData`). */
  const gitAction = (build: Build) => {
    const job = EXAMPLE_JOBS.find(j => j.fullName === build.job);
    if (!job) return undefined;
    const sha =
      build.example?.commit ?? job.builds[job.builds.length - 1].commit;
    const branch = [{ SHA1: sha, name: 'refs/remotes/origin/main' }];
    return {
      _class: 'hudson.plugins.git.util.BuildData',
      buildsByBranchName: new ExportedMap({
        'refs/remotes/origin/main': {
          _class: 'hudson.plugins.git.util.Build',
          buildNumber: build.number,
          buildResult: null,
          marked: { SHA1: sha, branch },
          revision: { SHA1: sha, branch },
        },
      }),
      lastBuiltRevision: { SHA1: sha, branch },
      remoteUrls: [job.repository],
      scmName: '',
    };
  };

  const testAction = (build: Build) => {
    const tests = build.example?.tests;
    if (!tests || !build.done) return undefined;
    return {
      _class: 'hudson.tasks.junit.TestResultAction',
      failCount: tests.failed,
      skipCount: tests.skipped,
      totalCount: tests.total,
      urlName: 'testReport',
    };
  };

  const buildJson = (build: Build) => ({
    _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
    actions: [
      causeAction(build),
      parametersAction(build.parameters),
      gitAction(build),
      testAction(build),
      { _class: 'org.jenkinsci.plugins.workflow.job.views.FlowGraphAction' },
      {},
    ].filter(Boolean),
    artifacts: [],
    building: !build.done,
    description: null,
    displayName: `#${build.number}`,
    duration:
      build.done && build.finishedAt ? build.finishedAt - build.timestamp : 0,
    estimatedDuration: build.example ? 240000 : 600000,
    executor: build.done ? null : {},
    fullDisplayName: `${build.job.replace(/\//g, ' » ')} #${build.number}`,
    id: String(build.number),
    inProgress: !build.done,
    keepLog: false,
    number: build.number,
    queueId: build.queueId,
    result: build.done ? build.result : null,
    timestamp: build.timestamp,
    url: `${urlOf(build.job)}${build.number}/`,
    changeSets: [],
    culprits: [],
    nextBuild: null,
    previousBuild: null,
  });

  const buildRef = (build: Build | undefined) =>
    build
      ? {
          _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
          number: build.number,
          url: `${urlOf(build.job)}${build.number}/`,
        }
      : null;

  /** A Pipeline job with its builds, newest first, as `depth=1` writes it. */
  const jobJson = (job: string): Record<string, unknown> => {
    const builds = state.builds.filter(b => b.job === job).reverse();
    const finished = builds.filter(b => b.done);
    const last = builds[0];
    const example = EXAMPLE_JOBS.find(j => j.fullName === job);
    const inQueue = [...state.queue.values()].some(
      i => i.job === job && !i.build && !i.cancelled,
    );
    // The ball colour of the last finished build; `_anime` while one runs.
    const colours: Record<string, string> = {
      SUCCESS: 'blue',
      FAILURE: 'red',
      UNSTABLE: 'yellow',
      ABORTED: 'aborted',
    };
    const base = finished[0] ? colours[finished[0].result] : 'notbuilt';
    const color = last && !last.done ? `${base}_anime` : base;
    const parameterDefinitions = example
      ? [
          { name: 'IMAGE_TAG', type: 'StringParameterDefinition' },
          { name: 'DEPLOY_ENVIRONMENTS', type: 'StringParameterDefinition' },
        ]
      : [
          { name: 'ENV_NAME', type: 'StringParameterDefinition' },
          {
            name: 'ACTION',
            type: 'ChoiceParameterDefinition',
            choices: ['apply', 'destroy'],
          },
          { name: 'GIT_REF', type: 'StringParameterDefinition' },
          { name: 'REQUEST_ID', type: 'StringParameterDefinition' },
        ];
    return {
      _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
      actions: [
        {},
        {
          _class:
            'org.jenkinsci.plugins.displayurlapi.actions.JobDisplayAction',
        },
        { _class: 'com.cloudbees.plugins.credentials.ViewCredentialsAction' },
      ],
      description: example?.description ?? '',
      ...namesOf(job),
      buildable: true,
      builds: builds.map(buildJson),
      color,
      firstBuild: buildRef(builds[builds.length - 1]),
      inQueue,
      keepDependencies: false,
      lastBuild: last ? buildJson(last) : null,
      lastCompletedBuild: buildRef(finished[0]),
      lastFailedBuild: buildRef(finished.find(b => b.result === 'FAILURE')),
      lastSuccessfulBuild: buildRef(finished.find(b => b.result === 'SUCCESS')),
      nextBuildNumber: state.nextNumber.get(job) ?? 1,
      property: [
        {
          _class: 'hudson.model.ParametersDefinitionProperty',
          parameterDefinitions,
        },
      ],
      queueItem: null,
      concurrentBuild: false,
      resumeBlocked: false,
    };
  };

  /** A folder (cloudbees-folder) and the jobs and folders directly in it. */
  const folderJson = (folder: string): Record<string, unknown> => {
    const inFolder = (path: string) =>
      path.startsWith(`${folder}/`) &&
      !path.slice(folder.length + 1).includes('/');
    const children = [
      ...JENKINS_FOLDERS.filter(inFolder).map(folderJson),
      ...JENKINS_JOBS.filter(inFolder).map(jobJson),
    ];
    return {
      _class: 'com.cloudbees.hudson.plugins.folder.Folder',
      actions: [
        {},
        { _class: 'com.cloudbees.plugins.credentials.ViewCredentialsAction' },
      ],
      description: null,
      ...namesOf(folder),
      jobs: children,
    };
  };

  /**
   * `api/json` of a job or folder: with `tree`, filtered as Jenkins does; with
   * `depth=1`, everything; with neither, what depth 0 writes for the fields
   * clients read (builds as number and url).
   */
  const itemApiJson = (full: Record<string, unknown>, u: URL) => {
    const tree = u.searchParams.get('tree');
    if (tree) return applyTree(full, tree);
    if (Number(u.searchParams.get('depth') ?? 0) >= 1) return plain(full);
    return {
      ...(plain(full) as Record<string, unknown>),
      ...(Array.isArray(full.builds)
        ? {
            builds: (full.builds as Array<{ number: number; url: string }>).map(
              b => ({
                _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
                number: b.number,
                url: b.url,
              }),
            ),
            lastBuild: full.lastBuild
              ? {
                  _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
                  number: (full.lastBuild as { number: number }).number,
                  url: (full.lastBuild as { url: string }).url,
                }
              : null,
          }
        : {}),
    };
  };

  const queueJson = (item: QueueItem) => {
    const base = {
      actions: [
        {
          _class: 'hudson.model.ParametersAction',
          parameters: Object.entries(item.parameters).map(([name, value]) => ({
            _class: 'hudson.model.StringParameterValue',
            name,
            value,
          })),
        },
      ],
      blocked: false,
      buildable: false,
      id: item.id,
      inQueueSince: item.inQueueSince,
      params: Object.entries(item.parameters)
        .map(([k, v]) => `\n${k}=${v}`)
        .join(''),
      stuck: false,
      task: {
        _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
        name: item.job.split('/').pop(),
        url: urlOf(item.job),
        color: 'blue',
      },
      url: `queue/item/${item.id}/`,
    };
    // Left the queue: cancelled, or started as the build it names.
    const started = item.cancelled ? undefined : item.build;
    if (item.cancelled || started) {
      return {
        _class: 'hudson.model.Queue$LeftItem',
        ...base,
        why: null,
        cancelled: item.cancelled,
        executable: started
          ? {
              _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
              number: started.number,
              url: `${urlOf(item.job)}${started.number}/`,
            }
          : null,
      };
    }
    const left = Math.max(0, item.readyAt - state.now());
    return {
      _class: 'hudson.model.Queue$WaitingItem',
      ...base,
      why: `In the quiet period. Expires in ${(left / 1000).toFixed(1)} sec`,
      timestamp: item.readyAt,
    };
  };

  return { buildJson, jobJson, folderJson, itemApiJson, queueJson };
}

/** The renderers of one running stand-in. */
export type JenkinsJson = ReturnType<typeof jenkinsJson>;
