/** A labelled 0–max% slider with its value shown beside the heading (volumes). */
export function PercentSlider({
  heading,
  label,
  percent,
  max,
  onChange,
}: {
  heading: string;
  /** The slider's accessible name. */
  label: string;
  percent: number;
  max: number;
  onChange: (percent: number) => void;
}) {
  return (
    <label className="block">
      <span className="flex justify-between text-xs font-bold uppercase text-muted">
        {heading} <output>{percent}%</output>
      </span>
      <input
        type="range"
        min={0}
        max={max}
        step={5}
        value={percent}
        aria-label={label}
        aria-valuetext={`${percent}%`}
        className="w-full"
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}
