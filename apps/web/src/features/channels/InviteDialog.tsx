import { useState } from 'react';
import { Modal } from '../../app/Modal';
import { IconButton } from '../../app/IconButton';
import { inviteLink } from '../../core/matrix/servers';
import { useController } from '../../app/ControllerContext';

/** Shows the server's invite link, with a copy button. */
export function InviteDialog({ serverId, serverName }: { serverId: string; serverName: string }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const controller = useController();
  const link = inviteLink(window.location.origin, serverId, controller.servers.inviteVia());
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <IconButton label="Invite people" onClick={() => setOpen(true)}>
        👤+
      </IconButton>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={`Invite friends to ${serverName}`}
        description="Anyone with this link can join the server and its channels."
      >
        <div className="flex gap-2">
          <input
            aria-label="Invite link"
            readOnly
            value={link}
            className="flex-1 rounded bg-rail p-2 text-sm text-strong"
            onFocus={(e) => e.target.select()}
          />
          <button
            type="button"
            onClick={() => void copy()}
            className="rounded bg-blurple px-4 text-sm font-medium text-white"
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      </Modal>
    </>
  );
}
