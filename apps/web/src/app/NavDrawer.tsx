import { createContext, useContext } from 'react';

/** On narrow screens the rail and channel list are a drawer over the channel view. */
export interface NavDrawer {
  open: boolean;
  setOpen: (open: boolean) => void;
}

export const NavDrawerContext = createContext<NavDrawer | undefined>(undefined);

/** The drawer's state; throws outside the app shell. */
export function useNavDrawer(): NavDrawer {
  const drawer = useContext(NavDrawerContext);
  if (!drawer) throw new Error('useNavDrawer must be used inside the app shell');
  return drawer;
}

/** The drawer's state, or undefined outside the app shell. */
export function useMaybeNavDrawer(): NavDrawer | undefined {
  return useContext(NavDrawerContext);
}
