import { createContext, useContext } from 'react';
import type { AppController } from '../core/app-controller';

export const ControllerContext = createContext<AppController | undefined>(undefined);

/** The app controller; throws outside its provider. */
export function useController(): AppController {
  const controller = useContext(ControllerContext);
  if (!controller)
    throw new Error('useController must be used inside <ControllerContext.Provider>');
  return controller;
}

/** The app controller, or undefined outside its provider. */
export function useMaybeController(): AppController | undefined {
  return useContext(ControllerContext);
}
