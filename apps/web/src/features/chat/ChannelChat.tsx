import { useState } from 'react';
import { Composer } from './Composer';
import type { DraftIntent } from './MessageActions';
import { Timeline } from './Timeline';

/** A room's messages and the composer under them; text channels, DMs and voice channels share it. */
export function ChannelChat({ roomId, channelName }: { roomId: string; channelName: string }) {
  const [intent, setIntent] = useState<DraftIntent | undefined>();
  return (
    <>
      <Timeline key={`timeline-${roomId}`} roomId={roomId} onIntent={setIntent} />
      <Composer
        key={`composer-${roomId}`}
        roomId={roomId}
        channelName={channelName}
        intent={intent}
        onIntentDone={() => setIntent(undefined)}
      />
    </>
  );
}
