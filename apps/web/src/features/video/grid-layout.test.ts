import { describe, expect, it } from 'vitest';
import { gridLayout } from './grid-layout';

describe('gridLayout', () => {
  it('one tile fills the width of a wide window', () => {
    const layout = gridLayout(1, 1600, 900, { gap: 0 });
    expect(layout).toMatchObject({ columns: 1, rows: 1, tileWidth: 1600, tileHeight: 900 });
    expect(layout.pages).toBe(1);
  });

  it('one tile in a tall window is as wide as the window, not as tall', () => {
    expect(gridLayout(1, 400, 900, { gap: 0 })).toMatchObject({ tileWidth: 400, tileHeight: 225 });
  });

  it.each([
    // count, width, height → columns, rows
    [2, 1600, 900, 2, 1],
    [2, 800, 1200, 1, 2],
    [3, 1600, 900, 2, 2],
    [4, 1600, 900, 2, 2],
    [5, 1600, 900, 3, 2],
    [9, 1600, 900, 3, 3],
    [10, 1600, 900, 4, 3],
    [16, 1600, 900, 4, 4],
    [25, 1600, 900, 5, 5],
  ])('%i tiles in %i×%i: %i columns, %i rows', (count, width, height, columns, rows) => {
    const layout = gridLayout(count, width, height, { gap: 0 });
    expect(layout).toMatchObject({ columns, rows, pages: 1, pageSize: count });
  });

  it('tiles never overflow the box, gaps included', () => {
    for (let count = 1; count <= 25; count++) {
      for (const [w, h] of [
        [1280, 720],
        [900, 1000],
        [1920, 600],
      ] as const) {
        const { columns, rows, tileWidth, tileHeight } = gridLayout(count, w, h, {
          gap: 8,
          minTileWidth: 0,
        });
        expect(columns * rows).toBeGreaterThanOrEqual(count);
        expect(columns * tileWidth + (columns - 1) * 8).toBeLessThanOrEqual(w);
        expect(rows * tileHeight + (rows - 1) * 8).toBeLessThanOrEqual(h);
      }
    }
  });

  it('more than 25 tiles are paged 25 at a time', () => {
    const layout = gridLayout(30, 1920, 1080);
    expect(layout.pageSize).toBe(25);
    expect(layout.pages).toBe(2);
  });

  it('a small window puts fewer tiles on a page rather than drawing them tiny', () => {
    const layout = gridLayout(25, 640, 360, { gap: 0, minTileWidth: 160 });
    expect(layout.tileWidth).toBeGreaterThanOrEqual(160);
    expect(layout.pageSize).toBeLessThan(25);
    expect(layout.pages).toBe(Math.ceil(25 / layout.pageSize));
  });

  it('an empty grid or a box with no size has no tiles', () => {
    expect(gridLayout(0, 800, 600).tileWidth).toBe(0);
    expect(gridLayout(3, 0, 0).tileWidth).toBe(0);
  });
});
