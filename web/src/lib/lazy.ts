import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

export interface PreloadableComponent<P> {
  Component: LazyExoticComponent<ComponentType<P>>;
  /** Starts loading the code; safe to call any number of times. */
  preload: () => Promise<unknown>;
}

/**
 * React.lazy over a named export, with a preload. Once the module has arrived, the lazy
 * component gets it synchronously (a thenable that resolves on the spot), so rendering it does
 * not suspend and React does not hold the page back for its fallback throttle (~300 ms).
 */
export function lazyWithPreload<P>(load: () => Promise<ComponentType<P>>): PreloadableComponent<P> {
  let loaded: { default: ComponentType<P> } | undefined;
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () => {
    pending ??= load().then((component) => {
      loaded = { default: component };
      return loaded;
    });
    return pending;
  };
  const Component = lazy<ComponentType<P>>(() => {
    const ready = loaded;
    if (!ready) return preload();
    // React only needs a thenable; this one calls back at once, which a Promise never does.
    // biome-ignore lint/suspicious/noThenProperty: a synchronous thenable is the whole point here.
    const settled = { then: (resolve: (module: typeof ready) => void) => resolve(ready) };
    return settled as unknown as Promise<typeof ready>;
  });
  return { Component, preload };
}
