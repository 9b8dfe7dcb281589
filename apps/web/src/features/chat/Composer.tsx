import { useState, type KeyboardEvent } from 'react';
import { useController } from '../../app/ControllerContext';
import { describeMatrixError } from '../../core/matrix/describe-error';

/** The message box: Enter sends, Shift+Enter adds a line; Markdown formats. */
export function Composer({ roomId, channelName }: { roomId: string; channelName: string }) {
  const controller = useController();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  const send = () => {
    const body = text;
    if (body.trim() === '') return;
    setText('');
    setError(undefined);
    controller.sendMessage(roomId, body).catch((caught: unknown) => {
      setError(describeMatrixError(caught, 'send your message'));
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <div className="px-4 pb-6">
      {error && (
        <p role="alert" className="mb-1 text-sm text-danger">
          {error}
        </p>
      )}
      <textarea
        aria-label={`Message #${channelName}`}
        placeholder={`Message #${channelName}`}
        rows={1}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        className="max-h-48 w-full resize-none rounded-lg bg-[#383a40] px-4 py-2.5 text-[#dbdee1] placeholder:text-muted focus:outline-none"
      />
    </div>
  );
}
