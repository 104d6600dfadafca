import { PAGE_STYLE_BASE } from '../report/report-html.js';

/** CSS of the compare and deploy pages (the report page's look). */
export const PAGE_STYLE = `${PAGE_STYLE_BASE}tr.flagged td:last-child { color: #a33c00; font-weight: bold; }
`;
