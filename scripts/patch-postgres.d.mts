// Types of scripts/patch-postgres.mjs, for the test that checks the installed driver.
export const KNOWN_VERSION: string;
export const MARK: string;
export const BUILDS: string[];
export function guardOf(source: string): 'patched' | 'upstream' | 'none';
export function patch(root: string): { version: string; patched: number; problems: string[] };
