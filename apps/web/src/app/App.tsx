import { HomeserverStatus } from '../features/auth/HomeserverStatus';
import { useAppConfig } from './useAppConfig';

export function App() {
  const config = useAppConfig();
  return (
    <div className="flex h-full">
      <nav aria-label="Servers" className="flex w-[72px] flex-col items-center gap-2 bg-rail py-3">
        <img src="/favicon.svg" alt="HAOS" width={48} height={48} className="rounded-2xl" />
      </nav>
      <main className="flex flex-1 items-center justify-center p-6">
        <div className="w-full max-w-md space-y-4 rounded-lg bg-sidebar p-8 shadow-xl">
          <h1 className="text-2xl font-semibold text-white">Welcome to HAOS</h1>
          <p className="text-muted">Community chat with voice and video, on Matrix.</p>
          {config.status === 'loading' && <p role="status">Loading…</p>}
          {config.status === 'failed' && (
            <p role="alert" className="text-danger">
              HAOS could not load its configuration: {config.error}
            </p>
          )}
          {config.status === 'ready' && <HomeserverStatus config={config.config} />}
        </div>
      </main>
    </div>
  );
}
