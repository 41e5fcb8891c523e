import { applyTree, ExportedMap, parseTree } from './tree';

const build = {
  _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
  number: 7,
  result: 'FAILURE',
  actions: [
    {
      _class: 'hudson.plugins.git.util.BuildData',
      buildsByBranchName: new ExportedMap({
        'refs/remotes/origin/main': {
          _class: 'hudson.plugins.git.util.Build',
          revision: { SHA1: 'abc', branch: [{ SHA1: 'abc', name: 'main' }] },
        },
      }),
    },
  ],
};

describe('Jenkins tree filter', () => {
  it('keeps only the named properties, and _class', () => {
    expect(applyTree(build, 'number,result')).toEqual({
      _class: build._class,
      number: 7,
      result: 'FAILURE',
    });
  });

  it('writes a bean named without a subtree as its _class only', () => {
    expect(applyTree({ _class: 'Job', lastBuild: build }, 'lastBuild')).toEqual(
      { _class: 'Job', lastBuild: { _class: build._class } },
    );
  });

  it('does not spend a level on arrays and maps (actions[*[*[*[*]]]])', () => {
    const out = applyTree(build, 'actions[*[*[*[*]]]]') as any;
    const data = out.actions[0];
    // actions > BuildData > buildsByBranchName (map) > Build > revision > branch
    expect(
      data.buildsByBranchName['refs/remotes/origin/main'].revision.branch,
    ).toEqual([{ SHA1: 'abc', name: 'main' }]);
  });

  it('applies a range to an array', () => {
    const job = {
      _class: 'Job',
      builds: [1, 2, 3, 4].map(n => ({ number: n })),
    };
    expect(applyTree(job, 'builds[number]{1,3}')).toEqual({
      _class: 'Job',
      builds: [{ number: 2 }, { number: 3 }],
    });
    expect(applyTree(job, 'builds[number]{2}')).toEqual({
      _class: 'Job',
      builds: [{ number: 3 }],
    });
  });

  it('refuses an unbalanced expression', () => {
    expect(() => parseTree('jobs[name')).toThrow(/']' expected/);
  });
});
