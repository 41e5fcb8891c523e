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

  it('says an expiry warning links to extending, and an overdue one is for the admins', () => {
    const warning = {
      type: 'environment.expiry' as const,
      environment: 'dev-a',
      expiresAt: '2026-12-04T09:30:00.000Z',
      link: '/catalog/default/resource/dev-a?extend=1',
    };
    expect(renderAlert(warning, 'en')).toEqual({
      title: 'Environment dev-a expires soon',
      description:
        'It will be deleted at 2026-12-04 09:30 UTC. Extend it in the portal.',
      link: '/catalog/default/resource/dev-a?extend=1',
      severity: 'normal',
    });
    const overdue = renderAlert({ ...warning, overdue: true }, 'en');
    expect(overdue.title).toBe('Environment dev-a is past its expiry');
    expect(overdue.description).toBe(
      'It expired at 2026-12-04 09:30 UTC and no destroy run has started in over an hour.',
    );
    expect(overdue.severity).toBe('high');
    expect(renderAlert({ ...warning, overdue: true }, 'ko').title).toBe(
      '환경 dev-a 만료 후 삭제되지 않음',
    );
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

  it('names the likely causes of an estimate gap in both languages', () => {
    const gap = {
      type: 'environment.estimate-gap' as const,
      environment: 'staging',
      days: 7,
      estimated: 100,
      billed: 62,
      currency: 'USD',
      causes: ['instance type' as const, 'volumes' as const],
    };
    expect(renderAlert(gap, 'en')).toMatchObject({
      title: 'Environment staging costs -38% against its estimate',
      description:
        'First 7 days: billed $62.00, estimated $100.00.\nLikely cause: instance type, volumes',
    });
    expect(renderAlert(gap, 'ko').description).toContain(
      '가능한 원인: 인스턴스 유형, 볼륨',
    );
    expect(renderAlert({ ...gap, causes: [] }, 'en').description).toBe(
      'First 7 days: billed $62.00, estimated $100.00.',
    );
  });
});
