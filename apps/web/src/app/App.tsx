import { useEffect, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { AppController } from '../core/app-controller';
import type { AppConfig } from '../core/config/app-config';
import { AuthScreen } from '../features/auth/AuthScreen';
import { SessionProblemScreen } from '../features/auth/SessionProblemScreen';
import { AppShell } from '../features/shell/AppShell';
import { ControllerContext } from './ControllerContext';
import { useAppConfig } from './useAppConfig';
import { useAuth } from './useSession';

function Session() {
  const auth = useAuth();
  if (auth.status === 'restoring') {
    return (
      <p role="status" className="flex h-full items-center justify-center text-muted">
        Loading HAOS…
      </p>
    );
  }
  if (auth.status === 'signed-out') return <AuthScreen notice={auth.notice} />;
  if (auth.status === 'problem') return <SessionProblemScreen problem={auth.problem} />;
  return <AppShell />;
}

function WithController({ config }: { config: AppConfig }) {
  const [controller] = useState(() => new AppController(config));
  // restore() is idempotent: StrictMode's second run joins the first.
  useEffect(() => {
    void controller.restore();
  }, [controller]);
  return (
    <ControllerContext.Provider value={controller}>
      <BrowserRouter>
        <Session />
      </BrowserRouter>
    </ControllerContext.Provider>
  );
}

export function App() {
  const config = useAppConfig();
  if (config.status === 'loading') {
    return (
      <p role="status" className="flex h-full items-center justify-center text-muted">
        Loading HAOS…
      </p>
    );
  }
  if (config.status === 'failed') {
    return (
      <p role="alert" className="flex h-full items-center justify-center p-6 text-danger">
        HAOS could not load its configuration: {config.error}
      </p>
    );
  }
  return <WithController config={config.config} />;
}
