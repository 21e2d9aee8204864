import * as React from "react";

type Props = Record<string, unknown>;
type Handler = (...args: unknown[]) => unknown;

function setRef(ref: unknown, node: unknown): void {
  if (typeof ref === "function") ref(node);
  else if (ref && typeof ref === "object") (ref as { current: unknown }).current = node;
}

/**
 * Renders its one child element with these props merged in, for `asChild` (a Button that is a
 * link): the child's props win, except that classes are joined, styles combined, both event
 * handlers run (the child's first) and both refs are set.
 */
export function mergeSlotProps(slotProps: Props, childProps: Props): Props {
  const merged: Props = { ...slotProps, ...childProps };
  for (const key of Object.keys(slotProps)) {
    const ours = slotProps[key];
    const theirs = childProps[key];
    if (ours === undefined || theirs === undefined) continue;
    if (key === "className") merged.className = `${String(ours)} ${String(theirs)}`;
    else if (key === "style") merged.style = { ...(ours as object), ...(theirs as object) };
    else if (key === "ref")
      merged.ref = (node: unknown) => (setRef(ours, node), setRef(theirs, node));
    else if (/^on[A-Z]/.test(key) && typeof ours === "function" && typeof theirs === "function") {
      merged[key] = (...args: unknown[]) => {
        const result = (theirs as Handler)(...args);
        (ours as Handler)(...args);
        return result;
      };
    }
  }
  return merged;
}

export function Slot({
  children,
  ...props
}: { children?: React.ReactNode } & Props): React.ReactNode {
  if (React.isValidElement<Props>(children)) {
    return React.cloneElement(children, mergeSlotProps(props, children.props));
  }
  // Anything but one element: React's own error for several children, nothing for none or text.
  return React.Children.count(children) > 1 ? React.Children.only(null) : null;
}
