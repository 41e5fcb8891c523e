import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { actionContext } from '@internal/plugin-environments-node/testUtils';
import { withPublicErrors } from './publicError';

describe('withPublicErrors', () => {
  it('passes an action failure on without its stack or server paths', async () => {
    const action = withPublicErrors(
      createTemplateAction({
        id: 'test:fail',
        schema: { input: {} },
        async handler() {
          throw new InputError(
            'Refusing to write /var/lib/portal/.data/iac/environments/x',
          );
        },
      }),
    );
    await expect(action.handler(actionContext({}).ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: 'Refusing to write …/x',
      stack: 'InputError: Refusing to write …/x',
    });
  });
});
