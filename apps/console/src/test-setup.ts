import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// antd reads matchMedia, which jsdom does not have (tests in the node environment have no window at all).
if (typeof window !== 'undefined') {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({ matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false }),
  });
  // antd's tables watch their size, which jsdom cannot tell.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  // Each test starts from an empty page (testing-library unmounts on its own only with vitest globals).
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });
}
