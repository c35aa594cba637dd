import sprite from "@dkfds/img/all-svg-icons.svg?url";

/** A DKFDS icon from its sprite; decorative unless it has a label. */
export function Icon({ name, className, label }: { name: string; className?: string; label?: string }) {
  return (
    <svg
      className={className ? `icon-svg ${className}` : "icon-svg"}
      focusable="false"
      aria-hidden={label ? undefined : true}
      aria-label={label}
      role={label ? "img" : undefined}
    >
      <use href={`${sprite}#${name}`} />
    </svg>
  );
}
