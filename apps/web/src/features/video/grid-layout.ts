/** How a call's tiles fit the space they have: columns, rows, tile size, and paging. */
export interface GridLayout {
  columns: number;
  rows: number;
  /** Tile size in CSS pixels (16:9 unless asked otherwise). */
  tileWidth: number;
  tileHeight: number;
  /** Tiles per page; more tiles than this are paged. */
  pageSize: number;
  pages: number;
}

export interface GridOptions {
  /** Width over height of a tile. */
  aspect?: number;
  /** Space between tiles, in pixels. */
  gap?: number;
  /** At most this many tiles on one page. */
  maxPerPage?: number;
  /** Tiles are never drawn narrower than this (fewer per page instead), unless only one fits. */
  minTileWidth?: number;
}

/**
 * The widest tile for `count` tiles laid out in `width`×`height`, trying every column count; on a
 * tie, more columns in a landscape box and fewer in a portrait one.
 */
function best(count: number, width: number, height: number, aspect: number, gap: number) {
  let found = { columns: 1, rows: count, tileWidth: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const byWidth = (width - gap * (columns - 1)) / columns;
    const byHeight = ((height - gap * (rows - 1)) / rows) * aspect;
    const tileWidth = Math.max(0, Math.min(byWidth, byHeight));
    const tie = Math.abs(tileWidth - found.tileWidth) <= 0.5;
    if (tileWidth > found.tileWidth + 0.5 || (tie && width >= height))
      found = { columns, rows, tileWidth };
  }
  return found;
}

/**
 * Lays out `count` tiles as large as possible in a `width`×`height` box: for 1 to 25 tiles on one
 * page, as many columns as give the biggest tile. When even that makes tiles smaller than
 * `minTileWidth`, fewer go on a page and the rest are paged.
 */
export function gridLayout(
  count: number,
  width: number,
  height: number,
  { aspect = 16 / 9, gap = 8, maxPerPage = 25, minTileWidth = 160 }: GridOptions = {},
): GridLayout {
  if (count <= 0 || width <= 0 || height <= 0)
    return { columns: 1, rows: 1, tileWidth: 0, tileHeight: 0, pageSize: maxPerPage, pages: 1 };
  let pageSize = Math.min(count, maxPerPage);
  let layout = best(pageSize, width, height, aspect, gap);
  while (pageSize > 1 && layout.tileWidth < minTileWidth) {
    pageSize--;
    layout = best(pageSize, width, height, aspect, gap);
  }
  const tileWidth = Math.floor(layout.tileWidth);
  return {
    columns: layout.columns,
    rows: layout.rows,
    tileWidth,
    tileHeight: Math.floor(tileWidth / aspect),
    pageSize,
    pages: Math.ceil(count / pageSize),
  };
}
