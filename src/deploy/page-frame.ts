import { escapeHtml } from '../report/report-html.js';
import { PAGE_STYLE } from './page-style.js';

/** A whole compare or deploy page: the document head with `title` and the pages' style, `main` as the page's content. */
export const pageFrame = (title: string, main: string): string => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;

/** A chart of the page as a section: its heading, a link to the SVG file beside the page, and the SVG inline. */
export const chartSection = (charts: Record<string, string>, name: string, heading: string): string =>
  `<section>\n<h2>${heading}</h2>\n<p class="note">(<a href="${name}">${name}</a>)</p>\n<figure>\n${charts[name].trim()}\n</figure>\n</section>`;
