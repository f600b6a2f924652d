/** Types of `folders.mjs` (plain JavaScript, because Stryker loads its configuration as ESM). */
import type { PartialStrykerOptions } from '@stryker-mutator/api/core';

export type MutationFolder = 'domain' | 'lifecycle' | 'policy' | 'secret' | 'operations';

export declare const folders: Readonly<
  Record<MutationFolder, { readonly mutate: readonly string[]; readonly tests: readonly string[] }>
>;

export declare function folderConfig(name: MutationFolder): PartialStrykerOptions;
