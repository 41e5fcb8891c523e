import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createBareRepo,
  gitLog,
  platformConfig,
} from '../__testUtils__/testUtils';
import { IacRepository } from './IacRepository';

jest.setTimeout(30_000);

/** Another writer (a second replica, a person) pushing a file to main. */
function pushFromElsewhere(bare: string, file: string, content: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elsewhere-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Someone',
        GIT_AUTHOR_EMAIL: 'someone@acme.example',
        GIT_COMMITTER_NAME: 'Someone',
        GIT_COMMITTER_EMAIL: 'someone@acme.example',
      },
    });
  try {
    git('clone', '--quiet', bare, '.');
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
    git('add', '--all');
    git('commit', '--quiet', '-m', `elsewhere: ${file}`);
    git('push', '--quiet', 'origin', 'HEAD:refs/heads/main');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('IacRepository.commit when others push too', () => {
  let bare: string;
  let repo: IacRepository;

  beforeEach(async () => {
    bare = createBareRepo();
    repo = new IacRepository(platformConfig(bare, 'http://unused').iac, {
      retryBaseMs: 1,
    });
    await repo.commit({ 'environments/a/catalog-info.yaml': 'a: 1\n' }, 'seed');
  });
  afterEach(() => fs.rmSync(bare, { recursive: true, force: true }));

  it('fetches what someone else pushed first and applies the edit again on top', async () => {
    let calls = 0;
    const result = await repo.commit(async tree => {
      calls += 1;
      if (calls === 1)
        pushFromElsewhere(
          bare,
          'environments/a/catalog-info.yaml',
          'a: 1\nb: 2\n',
        );
      const text = (await tree.read('environments/a/catalog-info.yaml')) ?? '';
      await tree.write('environments/a/catalog-info.yaml', `${text}c: 3\n`);
    }, 'add c');
    expect(calls).toBe(2);
    expect(result.changed).toBe(true);
    expect(gitLog(bare)).toEqual([
      'add c',
      'elsewhere: environments/a/catalog-info.yaml',
      'seed',
    ]);
    expect(await repo.readTree('environments')).toEqual({
      'environments/a/catalog-info.yaml': 'a: 1\nb: 2\nc: 3\n',
    });
  });

  it('does not push when the edit refuses on the newer files', async () => {
    let calls = 0;
    await expect(
      repo.commit(async tree => {
        calls += 1;
        if (calls === 1)
          pushFromElsewhere(bare, 'environments/b/catalog-info.yaml', 'b\n');
        if (await tree.exists('environments/b'))
          throw new Error('b exists already');
        await tree.write('environments/b/catalog-info.yaml', 'mine\n');
      }, 'create b'),
    ).rejects.toThrow('b exists already');
    expect(gitLog(bare)).toEqual([
      'elsewhere: environments/b/catalog-info.yaml',
      'seed',
    ]);
  });

  it('gives up with a clear message when the remote refuses for another reason, without retrying', async () => {
    const hook = path.join(bare, 'hooks', 'pre-receive');
    fs.writeFileSync(
      hook,
      '#!/bin/sh\necho "protected branch: changes need a review" >&2\nexit 1\n',
    );
    fs.chmodSync(hook, 0o755);
    let calls = 0;
    const error = await repo
      .commit(async tree => {
        calls += 1;
        await tree.write('environments/c/catalog-info.yaml', 'c\n');
      }, 'create c')
      .catch(e => e);
    expect(calls).toBe(1);
    expect(error.message).toMatch(
      /^Could not push to the IaC repository .*; nothing was changed there; caused by GitError: git push failed \(exit 1\): .*protected branch: changes need a review/,
    );
    expect(error.message).not.toMatch(/hint:/);
    expect(gitLog(bare)).toEqual(['seed']);
  });
});
