import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Icon } from "./Icon";

type Variant = "primary" | "secondary" | "tertiary" | "warning" | "function-link";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  icon?: string;
  /** Disables the button and tells assistive technology that work is under way. */
  pending?: boolean;
  children: ReactNode;
}

export function buttonClass(variant: Variant = "primary", extra?: string): string {
  const base = variant === "function-link" ? "function-link" : `button button-${variant}`;
  return extra ? `${base} ${extra}` : base;
}

export function Button({
  variant = "primary",
  icon,
  pending = false,
  disabled,
  className,
  children,
  type = "button",
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={buttonClass(variant, className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
    >
      {icon ? <Icon name={icon} /> : null}
      {children}
    </button>
  );
}
