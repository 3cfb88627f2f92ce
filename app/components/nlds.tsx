/**
 * NL Design System (Utrecht) components as thin React wrappers over their CSS
 * classes. The component library's React package is not tree-shakeable and
 * would add ~60 KB of compressed JavaScript to every page for markup this simple.
 */
import type { ComponentPropsWithoutRef, ReactNode } from "react";

function cx(...names: (string | false | undefined)[]) {
  return names.filter(Boolean).join(" ");
}

export function Heading1({ className, ...props }: ComponentPropsWithoutRef<"h1">) {
  return <h1 className={cx("utrecht-heading-1", className)} {...props} />;
}
export function Heading2({ className, ...props }: ComponentPropsWithoutRef<"h2">) {
  return <h2 className={cx("utrecht-heading-2", className)} {...props} />;
}
export function Heading3({ className, ...props }: ComponentPropsWithoutRef<"h3">) {
  return <h3 className={cx("utrecht-heading-3", className)} {...props} />;
}
export function Heading4({ className, ...props }: ComponentPropsWithoutRef<"h4">) {
  return <h4 className={cx("utrecht-heading-4", className)} {...props} />;
}
export function Paragraph({ className, lead, ...props }: ComponentPropsWithoutRef<"p"> & { lead?: boolean }) {
  return <p className={cx("utrecht-paragraph", lead && "utrecht-paragraph--lead", className)} {...props} />;
}
export function PreHeading({ className, ...props }: ComponentPropsWithoutRef<"p">) {
  return <p className={cx("utrecht-pre-heading", className)} {...props} />;
}
export function OrderedList({ className, ...props }: ComponentPropsWithoutRef<"ol">) {
  return <ol className={cx("utrecht-ordered-list", className)} {...props} />;
}
export function UnorderedList({ className, ...props }: ComponentPropsWithoutRef<"ul">) {
  return <ul className={cx("utrecht-unordered-list", className)} {...props} />;
}
export function ListItem({ className, ordered, ...props }: ComponentPropsWithoutRef<"li"> & { ordered?: boolean }) {
  return <li className={cx(ordered ? "utrecht-ordered-list__item" : "utrecht-unordered-list__item", className)} {...props} />;
}
/** Class names for a Remix `<Link>` styled as an NL Design System link. */
export const linkClass = "utrecht-link utrecht-link--html-a";

/**
 * An NL Design System table with a caption and column headers, scrolling
 * sideways on narrow screens; the rows (`<tr className="utrecht-table__row">`) are the children.
 */
export function DataTable({ caption, columns, children }: { caption: ReactNode; columns: ReactNode[]; children: ReactNode }) {
  return (
    <div className="inspraak-table-wrap">
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="utrecht-table__caption">{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {columns.map((column, index) => (
              <th key={index} scope="col" className="utrecht-table__header-cell">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">{children}</tbody>
      </table>
    </div>
  );
}
