import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "./Icon";

type Variant = "info" | "success" | "warning" | "error";

const ICONS: Record<Variant, string> = {
  info: "info",
  success: "success",
  warning: "warning",
  error: "error",
};

/** DKFDS alert; warnings and errors are announced (role="alert"), info and success politely. */
export function Alert({
  variant,
  heading,
  headingLevel = 2,
  children,
  className,
}: {
  variant: Variant;
  heading?: ReactNode;
  headingLevel?: 2 | 3;
  children?: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const role = variant === "warning" || variant === "error" ? "alert" : "status";
  return (
    <div className={`alert alert-${variant}${className ? ` ${className}` : ""}`} role={role}>
      <Icon name={ICONS[variant]} className="alert-icon" label={t(`alert.${variant}`)} />
      <div className="alert-body">
        {heading ? <Heading className="alert-heading">{heading}</Heading> : null}
        {children ? <div className="alert-text">{children}</div> : null}
      </div>
    </div>
  );
}
