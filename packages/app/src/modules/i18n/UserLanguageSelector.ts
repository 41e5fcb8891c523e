import type {
  AppLanguageApi,
  StorageApi,
} from '@backstage/frontend-plugin-api';
import type { Observable, Observer, Subscription } from '@backstage/types';
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  Language,
  LANGUAGES,
  USER_LANGUAGE_SETTING,
} from '@internal/i18n-common';

/** The browser's copy, so the page renders in the right language at once. */
const LOCAL_KEY = 'language';

type LanguageEvent = { language: string };

/**
 * The app's language, chosen in Settings. The choice is stored with the
 * user-settings backend (the storage API's bucket `i18n`, key `language`),
 * where the alerts backend reads it to write each user's alerts in their
 * language; the browser keeps a copy so the page starts in that language
 * before the signed-in storage answers. A choice made elsewhere (another
 * tab or device) arrives through the storage API and is applied here.
 */
export class UserLanguageSelector implements AppLanguageApi {
  private language: Language;
  /** The last event, the same object until the language changes. */
  private event: LanguageEvent;
  private readonly observers = new Set<Observer<LanguageEvent>>();
  private readonly storage: StorageApi;

  static create(options: { storage: StorageApi }): UserLanguageSelector {
    const selector = new UserLanguageSelector(
      options.storage.forBucket(USER_LANGUAGE_SETTING.frontendBucket),
      readLocal(),
    );
    selector.watchStorage();
    return selector;
  }

  private constructor(storage: StorageApi, initial: Language) {
    this.storage = storage;
    this.language = initial;
    this.event = { language: initial };
  }

  getAvailableLanguages() {
    return { languages: [...LANGUAGES] };
  }

  getLanguage() {
    return { language: this.language };
  }

  setLanguage(language?: string): void {
    const next = language ?? DEFAULT_LANGUAGE;
    if (!isLanguage(next)) {
      throw new Error(
        `Failed to change language to '${next}', available languages are '${LANGUAGES.join(
          "', '",
        )}'`,
      );
    }
    if (this.apply(next)) {
      this.storage.set(USER_LANGUAGE_SETTING.key, next).catch(() => {
        // The storage API reports its own errors; the page keeps the choice.
      });
    }
  }

  language$(): Observable<LanguageEvent> {
    return this.observable;
  }

  /**
   * One observable for every caller, like a behaviour subject: a new
   * subscriber gets the current language at once, then each change.
   */
  private readonly observable: Observable<LanguageEvent> = {
    [Symbol.observable]: () => this.observable,
    subscribe: (
      next?: Observer<LanguageEvent> | ((value: LanguageEvent) => void),
    ): Subscription => {
      const observer: Observer<LanguageEvent> =
        typeof next === 'function' ? { next } : next ?? {};
      this.observers.add(observer);
      observer.next?.(this.event);
      let closed = false;
      return {
        get closed() {
          return closed;
        },
        unsubscribe: () => {
          closed = true;
          this.observers.delete(observer);
        },
      };
    },
  };

  /** Takes a language; true when it changed. */
  private apply(language: Language): boolean {
    if (language === this.language) return false;
    this.language = language;
    this.event = { language };
    writeLocal(language);
    for (const observer of [...this.observers]) {
      observer.next?.(this.event);
    }
    return true;
  }

  private watchStorage() {
    this.storage
      .observe$<string>(USER_LANGUAGE_SETTING.key)
      .subscribe(snapshot => {
        if (snapshot.presence === 'present' && isLanguage(snapshot.value)) {
          this.apply(snapshot.value);
        }
      });
    const snapshot = this.storage.snapshot<string>(USER_LANGUAGE_SETTING.key);
    if (snapshot.presence === 'present' && isLanguage(snapshot.value)) {
      this.apply(snapshot.value);
    }
  }
}

function readLocal(): Language {
  try {
    const stored = window.localStorage?.getItem(LOCAL_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function writeLocal(language: Language) {
  try {
    window.localStorage?.setItem(LOCAL_KEY, language);
  } catch {
    // Private windows may refuse storage; the server copy still holds it.
  }
}
