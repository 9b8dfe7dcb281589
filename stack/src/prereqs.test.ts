import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkGo, checkPortsFree, findPython } from './prereqs.js';
import { StackError } from './errors.js';

const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
  delete process.env.HAOS_PYTHON;
});

describe('prerequisite checks', () => {
  it('names Go and how to get it when it is missing', () => {
    process.env.PATH = '/nonexistent';
    expect(() => checkGo()).toThrow(StackError);
    try {
      checkGo();
    } catch (error) {
      expect((error as StackError).code).toBe('GO_MISSING');
      expect((error as StackError).fix).toMatch(/Install Go 1\.24/);
    }
  });

  it('names Python and how to get it when it is missing', () => {
    process.env.PATH = '/nonexistent';
    expect(() => findPython()).toThrow(/Python 3\.10 or newer/);
  });

  it('finds the Python of this machine', () => {
    expect(findPython()).toMatch(/python/);
  });

  it('lists every taken port with the variable that moves it', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      await expect(checkPortsFree([{ name: 'web', port, env: 'HAOS_PORT_WEB' }])).rejects.toThrow(
        `web port ${port} (set HAOS_PORT_WEB to change it)`,
      );
    } finally {
      server.close();
    }
  });
});
