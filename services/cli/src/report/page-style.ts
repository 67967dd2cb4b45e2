// The report page's CSS (system fonts only: the page must render offline).
export const pageStyle = `
:root{--bad:#c62828;--badbg:#fdecea;--good:#2e7d32;--goodbg:#edf7ee;--muted:#777;--mutedbg:#f3f3f3;--warn:#b26a00;--warnbg:#fff4e0;--line:#ddd}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;margin:0 auto;max-width:1240px;padding:20px 28px 60px}
h1{font-size:24px;margin:0 0 6px}h1 .model{color:#4c78a8}
h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:0 0 4px;display:flex;gap:8px;align-items:center}
a{color:#1f5fa8;text-decoration:none}a:hover{text-decoration:underline}
.meta{color:#555;margin:2px 0}.sub{color:var(--muted);font-size:12px}.warn{color:var(--warn)}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-top:16px}
.tile{border-radius:8px;padding:12px 14px;border:1px solid var(--line)}
.tile .big{font-size:28px;font-weight:600}.tile .big span{font-size:16px;font-weight:400;color:#555}
.tile .names{font-size:12px;margin-top:4px;color:#444}
.tile.bad{background:var(--badbg);border-color:#f3b6b0}.tile.bad .big{color:var(--bad)}
.tile.good{background:var(--goodbg);border-color:#b9dfbc}.tile.good .big{color:var(--good)}
.tile.muted{background:var(--mutedbg)}.tile.warnbg{background:var(--warnbg);border-color:#f2d19a}.tile.warnbg .big{color:var(--warn)}
.worst{margin:4px 0 0;padding-left:22px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{padding:5px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
th{font-size:12px;color:#555;font-weight:600;background:#fafafa}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{font-size:11px;border-radius:10px;padding:1px 8px;font-weight:600;white-space:nowrap}
.badge.bad{background:var(--bad);color:#fff}.badge.good{background:var(--goodbg);color:var(--good);border:1px solid #b9dfbc}.badge.muted{background:var(--mutedbg);color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:14px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:#fff}
.card.bad{border-left:4px solid var(--bad)}.card.good{border-left:4px solid #9ccc9f}.card.muted{border-left:4px solid #ccc}
.card svg{width:100%;height:auto;display:block}.card .stat{margin:0 0 4px;color:#444;font-size:13px}
.scroll{overflow-x:auto}
table.matrix td.cell{text-align:center;font-size:12px;font-variant-numeric:tabular-nums;border:1px solid #fff}
td.cell.bad{background:#f4b4ae;color:#7a1212;font-weight:600}td.cell.good{background:var(--goodbg);color:#2c5e30}td.cell.muted{background:var(--mutedbg);color:#aaa}
th.rot{height:110px;white-space:nowrap;vertical-align:bottom;padding:0 2px}th.rot span{display:inline-block;writing-mode:vertical-rl;transform:rotate(180deg)}
details{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:6px 12px}details[open]{padding-bottom:12px}
summary{cursor:pointer;padding:4px 0}
footer{margin-top:36px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
@media (max-width:900px){.tiles{grid-template-columns:repeat(2,1fr)}.cards{grid-template-columns:1fr}}
`;
