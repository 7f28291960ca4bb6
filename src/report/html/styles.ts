import { heatCss } from './heat-scale.ts';

/** The report's stylesheet: system fonts, no web font or image to fetch. */
export function reportCss(): string {
  return `
:root{--ink:#1d2330;--muted:#5d6678;--line:#dfe3ea;--bg:#f6f7f9;--card:#fff;--error:#b3261e;--warning:#a15c00;--info:#2459a6;--ok:#1e7b34}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px 20px 60px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:19px;margin:0 0 12px}h3{font-size:16px;margin:16px 0 8px}
section.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:18px 20px;margin:0 0 18px}
.muted{color:var(--muted)}.small{font-size:13px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;overflow-wrap:anywhere}
nav.toc{display:flex;flex-wrap:wrap;gap:6px 16px;margin:10px 0 18px;font-size:14px}
a{color:#1f5fbf}
.verdict-sentence{font-size:20px;line-height:1.4;margin:10px 0 8px;font-weight:600}
.pill{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12.5px;font-weight:600;text-transform:uppercase;letter-spacing:.03em;border:1px solid currentColor;white-space:nowrap}
.status-pass,.status-passed,.sev-ok{color:var(--ok)}.status-fail,.status-failed,.sev-error,.status-site-unreachable{color:var(--error)}
.status-inconclusive,.status-incomplete,.sev-warning{color:var(--warning)}.sev-info{color:var(--info)}
.facts{display:flex;flex-wrap:wrap;gap:4px 22px;font-size:13.5px;color:var(--muted);margin:0;padding:0;list-style:none}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{font-size:13px;color:var(--muted);font-weight:600}
.scroll{overflow-x:auto}
table.heatmap{width:auto;min-width:60%;border-collapse:separate;border-spacing:4px}
table.heatmap th,table.heatmap td{border:0}
table.heatmap td.cell{width:200px;min-width:150px;max-width:260px;border-radius:6px;padding:8px 10px;text-align:center}
.cell .rate{display:block;font-size:20px;font-weight:700}
.cell .ci,.cell .count{display:block;font-size:12px;opacity:.85}
.cell .cause{display:block;font-size:11.5px;margin-top:4px;overflow-wrap:anywhere}
.cell .flag{display:inline-block;font-size:11.5px;font-weight:700;margin-top:3px}
.heat-none{background:#eceef2;color:var(--muted)}
${heatCss()}
.legend{display:flex;gap:2px;align-items:center;font-size:12px;color:var(--muted);margin-top:8px}
.legend span.swatch{width:26px;height:12px;display:inline-block;border-radius:2px}
.gap-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:18px 28px}
.gap-vendor{min-width:0}
.gap-vendor h3{margin-top:4px}
.waterfall{min-height:250px;margin:8px 0;overflow:hidden}
table.steps{width:auto;font-size:13.5px}table.steps td.num{text-align:right;font-variant-numeric:tabular-nums}
ul.findings{list-style:none;margin:0;padding:0}
li.finding{border-left:4px solid var(--line);padding:6px 12px;margin:0 0 10px}
li.finding.sev-error{border-color:var(--error)}li.finding.sev-warning{border-color:var(--warning)}li.finding.sev-info{border-color:var(--info)}
li.finding .message{color:var(--ink)}
.kind{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;font-weight:600}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0 0;font-size:13px}
dl.kv dt{color:var(--muted);font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
dl.kv dd{margin:0;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;overflow-wrap:anywhere;white-space:pre-wrap}
details.journey{border:1px solid var(--line);border-radius:6px;margin:0 0 10px;background:#fff}
details.journey>summary{padding:8px 12px;cursor:pointer;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
details.journey>.body{padding:4px 12px 12px}
table.timeline td{font-size:13px}
table.timeline tr.blocked td{background:#fdf0ef}table.timeline tr.late td{background:#fff4e0}table.timeline td.timing{white-space:nowrap}.pill.late-hit{background:var(--warning);color:#fff;text-transform:none}table.timeline .rule{word-break:break-all}table.timeline tr.purchase td.event{font-weight:700}
table.timeline details summary{cursor:pointer;color:var(--muted);font-size:12.5px}
.outcome{font-size:12.5px;padding:0 6px;border-radius:4px;background:#eef1f5}
.outcome.lost{background:#f9dcdc}.outcome.tracked{background:#dcefdf}
pre.error{white-space:pre-wrap;overflow-wrap:anywhere;background:#fbeeee;border-radius:4px;padding:8px;font-size:12.5px}
.artifacts{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start;margin:8px 0}
.artifacts figure{margin:0}
.delivery-warning{font-weight:600;margin:0 0 10px}
ul.channels{list-style:none;margin:0;padding:0}
li.channel{border-left:4px solid var(--line);padding:4px 12px;margin:0 0 6px}
li.channel.failed{border-color:var(--error)}li.channel.sent{border-color:var(--ok)}
.artifacts img{max-width:480px;width:100%;border:1px solid var(--line);border-radius:4px}
`;
}
