import { ForwardedError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { publicError, withPublicErrors } from './publicError';

describe('publicError', () => {
  it('keeps name and message, drops the stack and shortens server paths', () => {
    const error = publicError(
      new ForwardedError(
        'Could not read /work/wt/.data/remotes/apps/orders.git',
        new Error(
          "fatal: '/tmp/git-reader-x1/HEAD' and file:///work/wt/.data/manifests.git",
        ),
      ),
    );
    // A ForwardedError carries its cause's name.
    expect(error.name).toBe('Error');
    expect(error.message).toBe(
      "Could not read …/orders.git; caused by Error: fatal: '…/HEAD' and …/manifests.git",
    );
    expect(error.stack).toBe(`Error: ${error.message}`);
    expect(error.stack).not.toMatch(/\/work\/|\/tmp\/|\n\s+at /);
  });

  it('leaves URLs and relative paths alone', () => {
    const message =
      'See http://jenkins.local:8080/job/platform/job/env/1/console for apps/orders-api';
    expect(publicError(new Error(message)).message).toBe(message);
  });

  it('turns a thrown non-error into an error', () => {
    expect(publicError('boom /srv/app/secret.yaml').message).toBe(
      'boom …/secret.yaml',
    );
  });

  it('wraps an action so its failure reaches the task log without a stack', async () => {
    const action = withPublicErrors(
      createTemplateAction({
        id: 'test:fail',
        schema: { input: {} },
        async handler() {
          throw new NotAllowedError(`Refused ${__filename}`);
        },
      }),
    );
    const failure = action.handler(
      createMockActionContext({ input: {} }) as any,
    );
    await expect(failure).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'Refused …/publicError.test.ts',
      stack: 'NotAllowedError: Refused …/publicError.test.ts',
    });
  });
});
