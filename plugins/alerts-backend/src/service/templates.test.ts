import { renderAlert } from './templates';

describe('renderAlert', () => {
  it("shows each revision of a multi-source application's failed sync", () => {
    const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const alert = renderAlert(
      {
        type: 'deployment.sync-failed',
        application: 'orders',
        environment: 'dev-a',
        revision: `4.2.0,${sha}`,
        message: 'one or more objects failed to apply',
      },
      'en',
    );
    expect(alert.description.split('\n')[0]).toBe('rev 4.2.0, a1b2c3d4');
    expect(
      renderAlert(
        { type: 'deployment.degraded', application: 'x', revision: sha },
        'en',
      ).description,
    ).toBe('rev a1b2c3d4');
  });

  it('renders short English and Korean messages with a portal link', () => {
    const event = {
      type: 'cost.over-budget' as const,
      environment: 'dev-a',
      month: '2026-11',
      amount: 512.3,
      budget: 400,
      currency: 'USD',
      entityRef: 'resource:default/env-dev-a',
    };
    expect(renderAlert(event, 'en')).toEqual({
      title: 'Over budget: dev-a 2026-11',
      description: 'Cost so far $512.30 of $400.00 budget',
      link: '/catalog/default/resource/env-dev-a',
      severity: 'high',
    });
    expect(renderAlert(event, 'ko').title).toBe('예산 초과: dev-a 2026-11');
  });

  it('links an environment task to its scaffolder task with the log tail', () => {
    const alert = renderAlert(
      {
        type: 'environment.task',
        action: 'delete',
        environment: 'dev-b',
        status: 'failed',
        taskId: 'abc',
        logTail: Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n'),
      },
      'en',
    );
    expect(alert.title).toBe('Environment dev-b deletion failed');
    expect(alert.link).toBe('/create/tasks/abc');
    expect(alert.description.split('\n')).toEqual([
      'line 15',
      'line 16',
      'line 17',
      'line 18',
      'line 19',
    ]);
  });
});
