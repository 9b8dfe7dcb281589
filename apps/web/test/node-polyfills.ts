/**
 * matrix-js-sdk's MatrixRTC code uses Promise.withResolvers (Node 22+, every current browser).
 * The tests run on Node 20, so they add it; the web app itself never needs this.
 */
const PromiseWith = Promise as unknown as { withResolvers?: unknown };
PromiseWith.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

// The SDK logs every request at debug level; tests keep only its warnings.
import { logger } from 'matrix-js-sdk/lib/logger';
(logger as unknown as { setLevel(level: string): void }).setLevel('warn');
