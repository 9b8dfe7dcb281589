import { ScreenShareView } from '../screen-share/ScreenShareView';
import { SharingBanner } from '../screen-share/SharingBanner';
import type { Participant } from '../voice/useVoice';
import { CameraNotice } from './CameraNotice';
import { ParticipantSpotlight } from './ParticipantSpotlight';
import { usePopout } from './usePopout';
import { useVideoCall } from './useVideoCall';
import { VideoGrid } from './VideoGrid';
import { VideoTile } from './VideoTile';
import { UnjoinedListeners } from '../voice/UnjoinedListeners';

/**
 * The big area of a voice channel: everyone in a grid, or a share or a person in the spotlight
 * with everyone else in a strip below. Also the layout toggles and camera/share messages.
 */
export function CallStage({
  roomId,
  participants,
  inCall,
}: {
  roomId: string;
  participants: readonly Participant[];
  inCall: boolean;
}) {
  const call = useVideoCall(participants, inCall);
  const { stage } = call;
  const popout = usePopout();
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      {inCall && (
        <div className="flex flex-wrap items-center gap-2">
          <SharingBanner />
          <CameraNotice />
          <button
            type="button"
            className="ml-auto rounded bg-rail px-2 py-1 text-sm text-strong"
            onClick={call.toggleSelfHidden}
          >
            {call.selfHidden ? 'Show my tile' : 'Hide my tile'}
          </button>
          {popout.supported && (
            <button
              type="button"
              className="rounded bg-rail px-2 py-1 text-sm text-strong"
              onClick={popout.popped ? popout.close : popout.open}
            >
              {popout.popped ? 'Close pop-out' : 'Pop out'}
            </button>
          )}
        </div>
      )}
      {inCall && <UnjoinedListeners roomId={roomId} />}
      {participants.length === 0 ? (
        <p className="mt-16 text-center text-muted">No one is here yet.</p>
      ) : stage.kind === 'grid' ? (
        <VideoGrid participants={call.shown} inCall={inCall} onFocus={call.toggleFocus} />
      ) : (
        <>
          {stage.kind === 'share' ? (
            <ScreenShareView
              sharer={stage.participant}
              sharers={call.sharers}
              onPick={call.showShare}
              onBack={call.showGrid}
            />
          ) : (
            <ParticipantSpotlight
              participant={stage.participant}
              inCall={inCall}
              onBack={call.showGrid}
            />
          )}
          <ul
            aria-label="Participants"
            className="flex shrink-0 gap-2 overflow-x-auto [&>li]:h-24 [&>li]:w-40 [&>li]:shrink-0"
          >
            {call.shown.map((p) => (
              <VideoTile
                key={p.member.identity}
                participant={p}
                inCall={inCall}
                compact
                focused={
                  stage.kind === 'participant' &&
                  stage.participant.member.identity === p.member.identity
                }
                onFocus={() => call.toggleFocus(p.member.identity)}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
