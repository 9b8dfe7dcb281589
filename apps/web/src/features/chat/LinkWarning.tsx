import { Modal } from '../../app/Modal';
import type { DeceptiveLink } from './link-check';

/** "This link goes to evil.example, not bank.example": open it anyway, or stay. */
export function LinkWarning({ link, onClose }: { link: DeceptiveLink; onClose: () => void }) {
  const open = () => {
    window.open(link.href, '_blank', 'noopener,noreferrer');
    onClose();
  };
  return (
    <Modal
      open
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
      title="Check where this link goes"
    >
      <p className="text-sm">
        The link says <strong className="break-all text-strong">{link.shown}</strong> but goes to{' '}
        <strong className="break-all text-strong">{link.target}</strong>.
      </p>
      <p className="mt-2 break-all rounded bg-input p-2 font-mono text-xs text-muted">
        {link.href}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" className="rounded px-3 py-1.5 text-sm" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="rounded bg-blurple px-3 py-1.5 text-sm font-medium text-white"
          onClick={open}
        >
          Open {link.target}
        </button>
      </div>
    </Modal>
  );
}
