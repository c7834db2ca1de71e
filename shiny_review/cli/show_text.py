"""The ``show`` command's plain-text form (moved out of cli/__init__.py to keep it short)."""

from __future__ import annotations

from typing import Any, TextIO


def show_text(data: dict[str, Any], out: TextIO) -> None:
    out.write(f"[{data['id']}] {data['label']}\n  title: {data['title']}\n")
    for key in ("kind", "authority", "date", "inspection_start", "inspection_end"):
        if data.get(key):
            out.write(f"  {key.replace('_', ' ')}: {data[key]}\n")
    if data.get("lead_inspector"):
        out.write(f"  lead inspector: {data['lead_inspector']}\n")
    out.write(f"  pages: {data['pages']}\n")
    if data.get("checks"):
        out.write("Check the recommendations (confirm with `shiny-review confirm DOC`):\n")
        for reason in data["checks"]:
            out.write(f"  ! {reason}\n")
    if data["judgements"]:
        out.write("Judgements:\n")
        for j in data["judgements"]:
            out.write(f"  {j['area']}: {j['grade']}\n")
    if data["recommendations"]:
        out.write("Recommendations:\n")
        for r in data["recommendations"]:
            tag = f" [{r['nf_tag']['kind']} {r['nf_tag']['number']}]" if r["nf_tag"] else ""
            out.write(f"  {r['label']}. {r['text']}{tag}\n")
    else:
        out.write(
            "No recommendations were found in this document. Add them by hand with:\n"
            f'  shiny-review recommend {data["id"]} --text "..."\n'
        )
