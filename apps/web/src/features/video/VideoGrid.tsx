import { useState } from 'react';
import type { Participant } from '../voice/useVoice';
import { gridLayout } from './grid-layout';
import { useBoxSize } from './useBoxSize';
import { VideoTile } from './VideoTile';

const GAP = 8;

/**
 * Everyone in the call as tiles, as large as the window allows (1 to 25 on a page, paged
 * beyond). Tiles on other pages are not mounted, so their video is not received at all.
 */
export function VideoGrid({
  participants,
  inCall,
  onFocus,
}: {
  participants: readonly Participant[];
  inCall: boolean;
  onFocus: (identity: string) => void;
}) {
  const [box, size] = useBoxSize<HTMLDivElement>();
  const [page, setPage] = useState(0);
  const layout = gridLayout(participants.length, size.width, size.height, { gap: GAP });
  const current = Math.min(page, layout.pages - 1);
  const shown = participants.slice(current * layout.pageSize, (current + 1) * layout.pageSize);
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div ref={box} className="flex min-h-0 flex-1 items-center justify-center overflow-hidden">
        <ul
          aria-label="Participants"
          data-columns={layout.columns}
          data-rows={layout.rows}
          className="grid content-center justify-center"
          style={{
            gap: GAP,
            gridTemplateColumns: `repeat(${layout.columns}, ${layout.tileWidth}px)`,
            gridAutoRows: `${layout.tileHeight}px`,
          }}
        >
          {shown.map((p) => (
            <VideoTile
              key={p.member.identity}
              participant={p}
              inCall={inCall}
              focused={false}
              onFocus={() => onFocus(p.member.identity)}
            />
          ))}
        </ul>
      </div>
      {layout.pages > 1 && (
        <nav aria-label="Pages of participants" className="flex items-center justify-center gap-3">
          <button
            type="button"
            className="rounded bg-rail px-2 py-1 text-sm disabled:opacity-50"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            Previous page
          </button>
          <span className="text-sm text-muted">
            Page {current + 1} of {layout.pages}
          </span>
          <button
            type="button"
            className="rounded bg-rail px-2 py-1 text-sm disabled:opacity-50"
            disabled={current >= layout.pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next page
          </button>
        </nav>
      )}
    </div>
  );
}
