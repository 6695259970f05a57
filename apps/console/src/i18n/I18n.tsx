import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { MESSAGES, type Locale, type MessageKey } from './messages';

interface I18n {
  locale: Locale;
  t: (key: MessageKey) => string;
  setLocale: (locale: Locale) => void;
}

const Context = createContext<I18n>({ locale: 'zh', t: (key) => MESSAGES.zh[key], setLocale: () => undefined });

const STORED = 'ops-console-locale';

/** Chinese unless the person chose English (kept in this browser). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem(STORED) === 'en' ? 'en' : 'zh'));
  const value = useMemo<I18n>(() => ({
    locale,
    t: (key) => MESSAGES[locale][key],
    setLocale: (next) => {
      localStorage.setItem(STORED, next);
      document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
      setLocaleState(next);
    },
  }), [locale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useI18n = () => useContext(Context);
