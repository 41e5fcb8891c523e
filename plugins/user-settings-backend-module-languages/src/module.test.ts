import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import userSettingsPlugin from '@backstage/plugin-user-settings-backend';
import request from 'supertest';
import { userSettingsModuleLanguages } from './module';

const asPlugin = (pluginId: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(`plugin:${pluginId}`),
    targetPluginId: 'user-settings',
  });

describe('user-settings languages module', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [userSettingsPlugin, userSettingsModuleLanguages],
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(() => stop());

  /** What the app's language picker does through UserSettingsStorage. */
  const choose = (user: string, value: unknown) =>
    request(server)
      .put('/api/user-settings/buckets/default.i18n/keys/language')
      .set('authorization', mockCredentials.user.header(user))
      .send({ value });

  it("answers the alerts backend with each user's choice, leaving out the rest", async () => {
    expect((await choose('user:default/sora.lee', 'ko')).status).toBe(200);
    expect((await choose('user:default/minsu.park', 'en')).status).toBe(200);
    expect((await choose('user:default/bad.value', 'klingon')).status).toBe(
      200,
    );
    const res = await request(server)
      .post('/api/user-settings/languages')
      .set('authorization', asPlugin('alerts'))
      .send({
        users: [
          'user:default/sora.lee',
          'user:default/minsu.park',
          'user:default/bad.value',
          'user:default/never.chose',
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      languages: {
        'user:default/sora.lee': 'ko',
        'user:default/minsu.park': 'en',
      },
    });
  });

  it('follows a changed choice', async () => {
    await choose('user:default/jiyoung.kim', 'ko');
    await choose('user:default/jiyoung.kim', 'en');
    const res = await request(server)
      .post('/api/user-settings/languages')
      .set('authorization', asPlugin('alerts'))
      .send({ users: ['user:default/jiyoung.kim'] });
    expect(res.body.languages).toEqual({ 'user:default/jiyoung.kim': 'en' });
  });

  it('refuses users and other plugins', async () => {
    const asUser = await request(server)
      .post('/api/user-settings/languages')
      .set(
        'authorization',
        mockCredentials.user.header('user:default/sora.lee'),
      )
      .send({ users: ['user:default/sora.lee'] });
    expect(asUser.status).toBe(403);
    const asCatalog = await request(server)
      .post('/api/user-settings/languages')
      .set('authorization', asPlugin('catalog'))
      .send({ users: ['user:default/sora.lee'] });
    expect(asCatalog.status).toBe(403);
    expect(asCatalog.body.error.name).toBe('NotAllowedError');
    const anonymous = await request(server)
      .post('/api/user-settings/languages')
      .send({ users: [] });
    expect([401, 403]).toContain(anonymous.status);
  });

  it('refuses a malformed request with a clear error', async () => {
    const res = await request(server)
      .post('/api/user-settings/languages')
      .set('authorization', asPlugin('alerts'))
      .send({ users: ['sora.lee'] });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(/user entity refs/);
  });

  it("leaves the user-settings plugin's own routes alone", async () => {
    const res = await request(server)
      .get('/api/user-settings/buckets/default.i18n/keys/language')
      .set(
        'authorization',
        mockCredentials.user.header('user:default/sora.lee'),
      );
    expect(res.status).toBe(200);
    expect(res.body.value).toBe('ko');
  });
});
