export interface Config {
  userSettings?: {
    /**
     * Backend plugins (ids) that may read users' language choices at
     * `POST /api/user-settings/languages`. Default `[alerts]`.
     */
    languageReaders?: string[];
  };
}
