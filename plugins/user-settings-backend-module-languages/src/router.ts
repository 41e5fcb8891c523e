import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { UserLanguageStore } from './UserLanguageStore';

/** The route, under the user-settings plugin: `/api/user-settings/languages`. */
export const LANGUAGES_PATH = '/languages';

const requestSchema = z.object({
  users: z.array(z.string().regex(/^user:[^/]+\/.+$/)).max(1000),
});

/**
 * `POST /languages` `{ users: ['user:default/sora.lee'] }` answers
 * `{ languages: { 'user:default/sora.lee': 'ko' } }`, leaving out users
 * without a choice. Only the backend plugins in `readers` (service
 * principals) may ask: a user's settings are theirs.
 */
export async function createLanguagesRouter(options: {
  httpAuth: HttpAuthService;
  store: UserLanguageStore;
  readers: string[];
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json());
  router.post(LANGUAGES_PATH, async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['service'],
    });
    const subject = credentials.principal.subject;
    if (!options.readers.some(id => subject === `plugin:${id}`)) {
      throw new NotAllowedError(`${subject} may not read users' languages`);
    }
    const parsed = requestSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(
        `Expected { users: [user entity refs] } (at most 1000): ${parsed.error.message}`,
      );
    }
    res.json({ languages: await options.store.languagesOf(parsed.data.users) });
  });
  return router;
}
