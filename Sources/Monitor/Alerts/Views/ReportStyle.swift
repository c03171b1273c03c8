/// The report's only stylesheet, inline: system fonts, a single column that fits a phone, print-friendly.
enum ReportStyle {
    static let css = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;\
        color:#1f2d3d;background:#f6f7f9}
        main{max-width:980px;margin:0 auto;padding:16px}
        h1{font-size:1.6em;margin:.2em 0}
        h2{font-size:1.25em;margin:0 0 .5em;border-bottom:2px solid #e3e6ea;padding-bottom:.2em}
        h3{font-size:1em;margin:.2em 0}
        small{color:#5a6775;font-weight:normal}
        section{background:#fff;border-radius:8px;padding:14px 16px;margin:14px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .window{color:#5a6775;margin:0 0 8px}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px;list-style:none;\
        padding:0;margin:0}
        .cards li{background:#fff;border-radius:8px;padding:10px 12px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .cards b{display:block;font-size:1.5em}
        .cards span{color:#5a6775;font-size:.9em}
        figure{margin:0 0 10px;overflow-x:auto}
        svg{width:100%;height:auto;display:block}
        .tables{display:flex;flex-wrap:wrap;gap:16px;overflow-x:auto;align-items:flex-start}
        table{border-collapse:collapse;font-size:.9em}
        caption{text-align:left;font-weight:bold;padding-bottom:4px}
        th,td{padding:3px 8px;border-bottom:1px solid #e3e6ea;text-align:right}
        th:first-child,td:first-child{text-align:left}
        .split{display:flex;height:28px;border-radius:4px;overflow:hidden;color:#fff;font-size:.85em}
        .split span{display:flex;align-items:center;justify-content:center;min-width:2em}
        .pos{background:#2e7d4f}.neu{background:#8a96a3}.neg{background:#c0392b}
        .plain{list-style:none;padding:0;margin:0}
        .plain>li{padding:8px 0;border-top:1px solid #eef0f2}
        blockquote{margin:6px 0;padding:6px 10px;border-left:4px solid #c9d1da;background:#f8f9fa;\
        white-space:pre-wrap;overflow-wrap:anywhere}
        blockquote p{margin:0}
        cite{display:block;font-style:normal;color:#5a6775;font-size:.85em;margin-top:4px}
        .tasks li.late h3{color:#c0392b}
        .why{color:#5a6775;font-size:.85em;margin:2px 0}
        .timeline{margin:4px 0 0;padding-left:1.2em}
        .estimates{border:1px dashed #b9c2cc}
        footer{color:#5a6775;font-size:.85em;margin:16px 0}
        @media (max-width:600px){main{padding:8px}body{font-size:15px}section{padding:10px}figure svg{min-width:480px}}
        @media print{body{background:#fff}section,.cards li{box-shadow:none;border:1px solid #ddd;\
        break-inside:avoid}main{max-width:none}}
        """
}
