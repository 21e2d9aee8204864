import { createElement, createRef } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { Badge } from "./badge";
import { Button } from "./button";
import { Label } from "./label";
import { mergeSlotProps, Slot } from "./slot";

describe("Slot", () => {
  it("renders a Button asChild as its link, with the button's classes and data", () => {
    const html = renderToStaticMarkup(
      createElement(
        Button,
        { asChild: true, variant: "outline", size: "sm" },
        createElement("a", { href: "/patients/new", className: "no-underline" }, "Add patient"),
      ),
    );
    expect(html).toMatch(/^<a /);
    expect(html).toContain('href="/patients/new"');
    expect(html).toContain('data-slot="button"');
    expect(html).toContain('data-variant="outline"');
    expect(html).toContain('data-size="sm"');
    const classes = /class="([^"]*)"/.exec(html)?.[1]?.split(" ");
    expect(classes).toEqual(expect.arrayContaining(["inline-flex", "h-9", "border-input", "px-3"]));
    // The link's own class comes last.
    expect(classes?.at(-1)).toBe("no-underline");
    // A link is not a button: no type attribute carried over.
    expect(html).not.toContain("type=");
    expect(html).toContain(">Add patient</a>");
  });

  it("renders a Badge asChild as its child", () => {
    const html = renderToStaticMarkup(
      createElement(
        Badge,
        { asChild: true, variant: "warning" },
        createElement("a", { href: "#x" }, "Due"),
      ),
    );
    expect(html).toBe('<a href="#x" class="ui-badge ui-badge-warning">Due</a>');
  });

  it("lets the child's own props win, but runs both handlers and sets both refs", () => {
    const order: string[] = [];
    const slotRef = createRef<HTMLElement>();
    let childNode: unknown = null;
    const merged = mergeSlotProps(
      {
        id: "slot",
        title: "from slot",
        style: { color: "red", margin: 0 },
        onClick: () => order.push("slot"),
        ref: slotRef,
      },
      {
        id: "child",
        style: { color: "blue" },
        onClick: () => order.push("child"),
        ref: (node: unknown) => {
          childNode = node;
        },
      },
    );
    expect(merged.id).toBe("child");
    expect(merged.title).toBe("from slot");
    expect(merged.style).toEqual({ color: "blue", margin: 0 });
    (merged.onClick as () => void)();
    expect(order).toEqual(["child", "slot"]);
    const node = { tagName: "A" };
    (merged.ref as (node: unknown) => void)(node);
    expect(slotRef.current).toBe(node);
    expect(childNode).toBe(node);
  });

  it("keeps a lone handler or ref as it is", () => {
    const onClick = vi.fn();
    const ref = createRef<HTMLElement>();
    expect(mergeSlotProps({ onClick }, { ref })).toEqual({ onClick, ref });
  });

  it("asks for exactly one child element", () => {
    expect(() =>
      renderToStaticMarkup(createElement(Slot, {}, createElement("a"), createElement("b"))),
    ).toThrow();
    expect(renderToStaticMarkup(createElement(Slot, { className: "x" }, "text"))).toBe("");
  });
});

describe("Label", () => {
  it("is a native label tied to its control", () => {
    expect(renderToStaticMarkup(createElement(Label, { htmlFor: "dose" }, "Dose"))).toMatch(
      /^<label data-slot="label" class="flex [^"]*select-none[^"]*" for="dose">Dose<\/label>$/,
    );
  });
});
