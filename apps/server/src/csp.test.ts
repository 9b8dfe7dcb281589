import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp.js';

describe('contentSecurityPolicy', () => {
  it('allows scripts only from the app itself in production', () => {
    const csp = contentSecurityPolicy({
      connectOrigins: ['http://127.0.0.1:8008', 'ws://127.0.0.1:7880'],
    });
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval;');
    expect(csp).toContain(
      "connect-src 'self' blob: https: wss: http://127.0.0.1:8008 ws://127.0.0.1:8008 http://127.0.0.1:7880 ws://127.0.0.1:7880",
    );
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('lets Vite inject styles and its HMR socket in development only', () => {
    const csp = contentSecurityPolicy({ dev: true });
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain('ws://127.0.0.1:*');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
  });

  it('ignores values that are not URLs', () => {
    const csp = contentSecurityPolicy({
      connectOrigins: ['not a url', 'javascript:alert(1)', 'file:///etc'],
    });
    expect(csp).toContain("connect-src 'self' blob: https: wss:;");
  });
});
