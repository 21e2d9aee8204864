import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { twMerge as fullTwMerge } from "tailwind-merge";
import { describe, expect, it } from "vitest";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "./utils";

const ROOT = path.join(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    // lib/utils.ts names the class groups themselves ("font-size", "text-color").
    if (file === path.join(ROOT, "lib", "utils.ts")) return [];
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** Every whitespace-separated word of every string literal (and template text) in the app. */
function wordsInStrings(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const words: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      words.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return words;
}

/** A class of a known group is folded into one when repeated; any other word is kept twice. */
const isTailwindClass = (word: string): boolean => fullTwMerge(`${word} ${word}`) === word;

/** The Tailwind classes Kapstone writes: the words of every string made only of class names. */
function kapstoneClasses(): string[] {
  const classes = new Set<string>();
  for (const dir of ["app", "components", "lib"]) {
    for (const text of sourceFiles(path.join(ROOT, dir)).flatMap(wordsInStrings)) {
      const words = text.split(/\s+/).filter(Boolean);
      if (
        words.every(
          (word) => isTailwindClass(word) || /^(ui-[a-z-]+|tabular|group|peer|toaster)$/.test(word),
        )
      ) {
        for (const word of words) if (isTailwindClass(word)) classes.add(word);
      }
    }
  }
  return [...classes].sort();
}

describe("cn", () => {
  const classes = kapstoneClasses();

  it("finds the classes written across the app", () => {
    expect(classes.length).toBeGreaterThan(300);
    for (const known of [
      "h-10",
      "px-4",
      "text-muted-foreground",
      "hover:bg-accent",
      "border-l-4",
    ]) {
      expect(classes).toContain(known);
    }
  });

  it("merges every pair of the app's classes exactly as the full tailwind-merge does", () => {
    const differences: string[] = [];
    for (const first of classes) {
      for (const second of classes) {
        if (first === second) continue;
        const input = `${first} ${second}`;
        const expected = fullTwMerge(input);
        const actual = cn(input);
        if (actual !== expected)
          differences.push(`"${input}": "${actual}", expected "${expected}"`);
      }
    }
    expect(differences.slice(0, 60)).toEqual([]);
  });

  it("lets a caller's class override the component's own", () => {
    expect(cn(buttonVariants({ size: "sm" }), "h-8 px-2 text-xs")).toBe(
      fullTwMerge(buttonVariants({ size: "sm" }), "h-8 px-2 text-xs"),
    );
    expect(cn("inline-flex h-10 items-center gap-2 rounded-md px-3", "size-9 rounded-full")).toBe(
      "inline-flex items-center gap-2 px-3 size-9 rounded-full",
    );
    expect(cn("text-sm text-muted-foreground", "text-foreground")).toBe("text-sm text-foreground");
    expect(cn("border border-input", "border-critical border-2")).toBe("border-critical border-2");
    expect(cn("hover:bg-accent bg-card", "hover:bg-primary")).toBe("bg-card hover:bg-primary");
    expect(cn("p-4", "px-2")).toBe("p-4 px-2");
    expect(cn("px-2", "p-4")).toBe("p-4");
    expect(cn("ui-badge", false, undefined, "tabular")).toBe("ui-badge tabular");
  });
});
