/**
 * A search box that searches on Enter or its button without being a form of its own (so it
 * also works inside another form).
 */
import type { ReactNode } from "react";
import { Icon } from "./Icon";

export function SearchBox({
  id,
  label,
  hint,
  value,
  onChange,
  onSearch,
  button,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (v: string) => void;
  onSearch: () => void;
  button: string;
}) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <div className="search">
        <input
          id={id}
          name={id}
          type="search"
          className="form-input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== "Enter") return;
            e.preventDefault();
            onSearch();
          }}
          aria-describedby={hint ? `${id}-hint` : undefined}
          maxLength={100}
          autoComplete="off"
        />
        <button type="button" className="button button-search" onClick={onSearch}>
          <Icon name="search" />
          {button}
        </button>
      </div>
    </div>
  );
}
