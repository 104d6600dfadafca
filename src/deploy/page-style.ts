/** CSS of the compare and deploy pages (the report page's look). */
export const PAGE_STYLE = `
body { margin: 0; background: #fafafa; color: #222; font: 15px/1.45 "DejaVu Sans", Verdana, Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; }
.sub, .note, footer { color: #555; }
.numbers { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 12px; margin: 20px 0 0; padding: 0; }
.numbers div { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; }
.numbers dt { font-size: 13px; color: #555; }
.numbers dd { margin: 0; }
.numbers .value { font-size: 22px; font-weight: bold; }
.numbers .detail { font-size: 12px; color: #555; }
figure { margin: 0; background: #fff; border: 1px solid #ddd; border-radius: 6px; overflow: hidden; }
figure svg { display: block; width: 100%; height: auto; }
.table { overflow-x: auto; background: #fff; border: 1px solid #ddd; border-radius: 6px; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { padding: 3px 7px; border-bottom: 1px solid #eee; white-space: nowrap; }
th { background: #f0f0f0; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.flagged td:last-child { color: #a33c00; font-weight: bold; }
`;
