import { useState } from 'react';
import { useMxcUrl } from '../chat/useMediaUrl';

const BOX = { sm: 'h-6 w-6 text-xs', lg: 'h-20 w-20 text-3xl' } as const;

function Picture({ mxc, box, initial }: { mxc: string; box: string; initial: string }) {
  const picture = useMxcUrl(mxc);
  const [broken, setBroken] = useState<string | undefined>();
  if (picture.status !== 'ready' || broken === picture.url)
    return <Initial box={box} initial={initial} />;
  return (
    <img
      src={picture.url}
      alt=""
      className={`shrink-0 rounded-full object-cover ${box}`}
      onError={() => setBroken(picture.url)}
    />
  );
}

function Initial({ box, initial }: { box: string; initial: string }) {
  return (
    <span
      aria-hidden="true"
      className={`flex shrink-0 items-center justify-center rounded-full bg-blurple text-white ${box}`}
    >
      {initial}
    </span>
  );
}

/** A person's avatar (their Matrix picture, fetched with authentication), or their initial. */
export function Avatar({
  name,
  mxc,
  size = 'sm',
}: {
  name: string;
  mxc?: string | undefined;
  size?: keyof typeof BOX;
}) {
  const initial = [...name.replace(/^@/, '')][0]?.toUpperCase() ?? '?';
  return mxc ? (
    <Picture mxc={mxc} box={BOX[size]} initial={initial} />
  ) : (
    <Initial box={BOX[size]} initial={initial} />
  );
}
