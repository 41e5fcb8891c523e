import { mockApis } from '@backstage/frontend-test-utils';
import { UserLanguageSelector } from './UserLanguageSelector';

describe('UserLanguageSelector', () => {
  beforeEach(() => window.localStorage.clear());

  it('offers English and Korean, English by default', () => {
    const selector = UserLanguageSelector.create({
      storage: mockApis.storage(),
    });
    expect(selector.getAvailableLanguages()).toEqual({
      languages: ['en', 'ko'],
    });
    expect(selector.getLanguage()).toEqual({ language: 'en' });
  });

  it('stores a choice where the user-settings backend keeps it', async () => {
    const storage = mockApis.storage();
    const selector = UserLanguageSelector.create({ storage });
    const seen: string[] = [];
    selector.language$().subscribe(e => seen.push(e.language));
    selector.setLanguage('ko');
    expect(selector.getLanguage()).toEqual({ language: 'ko' });
    expect(seen).toEqual(['en', 'ko']);
    expect(storage.forBucket('i18n').snapshot('language')).toMatchObject({
      presence: 'present',
      value: 'ko',
    });
    expect(window.localStorage.getItem('language')).toBe('ko');
  });

  it("takes the user's stored choice (another browser's) when it arrives", async () => {
    const storage = mockApis.storage();
    await storage.forBucket('i18n').set('language', 'ko');
    const selector = UserLanguageSelector.create({ storage });
    await new Promise(r => setTimeout(r, 0));
    expect(selector.getLanguage()).toEqual({ language: 'ko' });
  });

  it('hands every caller the same observable, so subscribers do not loop', () => {
    const selector = UserLanguageSelector.create({
      storage: mockApis.storage(),
    });
    expect(selector.language$()).toBe(selector.language$());
  });

  it('refuses a language the portal does not speak', () => {
    const selector = UserLanguageSelector.create({
      storage: mockApis.storage(),
    });
    expect(() => selector.setLanguage('ja')).toThrow(
      "Failed to change language to 'ja'",
    );
    expect(selector.getLanguage()).toEqual({ language: 'en' });
  });
});
