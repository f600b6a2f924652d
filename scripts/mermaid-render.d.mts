/** Types of scripts/mermaid-render.mjs for the tests that import it. */
export declare const chromiumPath: string;
export declare const hasChromium: () => boolean;
export declare const sourceHash: (text: string) => string;
export declare const hashAttribute: string;
export type RenderedDiagram = {
  readonly name: string;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly overlaps: readonly string[];
};
export declare function renderDiagrams(
  diagrams: readonly { readonly name: string; readonly mermaid: string }[],
): Promise<RenderedDiagram[]>;
