import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Shows what broke instead of a blank page, with a way out (reload). */
export class ErrorBoundary extends Component<
  { children: ReactNode },
  { error: Error | undefined }
> {
  override state: { error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // Shown to the person below; nothing to log to in a static SPA.
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main
        role="alert"
        className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center"
      >
        <h1 className="text-xl font-semibold text-strong">Something went wrong in HAOS</h1>
        <p className="text-muted">{this.state.error.message}</p>
        <button
          type="button"
          className="rounded bg-blurple px-4 py-2 text-white"
          onClick={() => window.location.reload()}
        >
          Reload
        </button>
      </main>
    );
  }
}
