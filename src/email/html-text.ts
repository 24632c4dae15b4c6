import { convert } from 'html-to-text';

/**
 * HTML-only mail becomes plain text (html-to-text): jobdesk never renders email HTML. Tables keep
 * their rows on one line each ("Name   Katherine Johnson") so labelled fields stay readable, and
 * links show their text only (a link's target is not the merchant's words).
 */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      {
        selector: 'table',
        format: 'dataTable',
        options: { maxColumnWidth: 100_000, colSpacing: 3, uppercaseHeaderCells: false },
      },
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}
