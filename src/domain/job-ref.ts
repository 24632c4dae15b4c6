/** What comes before a job's number when it is shown. */
export const JOB_REF_PREFIX = 'J-';

/** Jobs are numbered per workspace and shown as `J-<n>`; people type `J-12`, `j12`, `#12` or `12`. */
export function formatJobRef(number: number): string {
  return `${JOB_REF_PREFIX}${number}`;
}

const JOB_REF = /^(?:j-?|#)?(\d{1,9})$/i;

export function parseJobRef(text: string): number | undefined {
  const match = JOB_REF.exec(text.trim());
  if (!match?.[1]) return undefined;
  const number = Number(match[1]);
  return number > 0 ? number : undefined;
}
