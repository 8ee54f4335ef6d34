"""The partnership report: in one document, who committed to what and where it stands, for a provincial office.

Built from a partnership's progress summary (:func:`facilitator.core.summaries.progress.progress_summary`):
every commitment with its lead, supporters, due date, contact, status history and blocker notes, by task and
by partner; the timeline of meetings; BAR expectations beside AAR results; the stage in the 12-phase cycle; and
the health check across meetings by organisation. The timeline and the expectations are the tables of
:mod:`exports.summary_tables`, as in a session's reports. :func:`report` gives it all as titled sections of text
and tables, which each format draws in its own way (:func:`markdown` here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exports.cells import Number, count
from exports.labels import label
from exports.md_escape import escape
from exports.summary_tables import expectations_table, history, meetings_by_id, timeline_table
from exports.tables import Table, word
from facilitator.core.activity import Bilingual
from facilitator.core.chronology import saved_held_at
from facilitator.core.i18n import format_date, format_day, sector_label
from facilitator.core.model import now_iso
from facilitator.core.partnership import Partnership
from facilitator.core.vocab import LIGHTS, STAGES, STATUSES


@dataclass(frozen=True, slots=True)
class Grid:
    """A table of text: its headings and its rows (each as long as the headings); ``sheet`` is what tells its
    sheet in a workbook apart from its section's other tables ("": the sheet is named after the section)."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sheet: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the report: lines of text, then tables (each with a subtitle, "" for none);
    ``sheet_tag`` is the short name its tables' sheets end with when it fits."""

    title: str
    lines: tuple[str, ...] = ()
    tables: tuple[tuple[str, Grid], ...] = ()
    sheet_tag: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """The whole report: its title, the facts under it, its sections."""

    title: str
    facts: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...] = field(default_factory=tuple)


def _task(item: dict[str, Any], lang: str) -> str:
    return Bilingual.from_dict(item["task"])(lang)


def _blockers(item: dict[str, Any]) -> str:
    """The notes given with a "blocked" rating, oldest first."""
    return "; ".join(str(h.get("note")) for h in item.get("history", []) if h.get("status") == "blocked"
                     and h.get("note"))


def report(partnership: Partnership, summary: dict[str, Any], lang: str, *, made_at: str | None = None) -> Report:
    """The report of ``partnership`` from its progress ``summary``, in ``lang``."""
    sessions = summary.get("sessions", [])
    stage, suggested = str(summary.get("stage", "")), str(summary.get("stage_suggested", ""))
    stage_text = word(STAGES, stage, lang)
    if suggested and suggested != stage:
        stage_text += f" ({label('stage_suggested', lang)}: {word(STAGES, suggested, lang)})"
    stage_number = list(STAGES).index(stage) + 1 if stage in STAGES else 0
    facts = [
        (label("stage", lang), f"{stage_number}/{len(STAGES)} {stage_text}" if stage_number else stage_text),
        (label("meetings", lang), Number(len(sessions))),
        (label("partner_count", lang), Number(len(partnership.organisations))),
        (label("report_made", lang), format_date(made_at or now_iso(), lang)),
    ]
    if sessions:
        facts.insert(2, (label("period", lang), f"{format_day(saved_held_at(sessions[0]), lang)} – "
                                                 f"{format_day(saved_held_at(sessions[-1]), lang)}"))
    sections = [_by_task(summary, lang), _by_partner(summary, lang), _timeline(sessions, lang),
                *_reviews(summary, lang), _health(summary, lang), _partners(partnership, lang)]
    return Report(partnership.name, tuple(facts), tuple(s for s in sections if s is not None))


def _by_task(summary: dict[str, Any], lang: str) -> Section:
    items = summary.get("commitments", [])
    if not items:
        return Section(label("commitments_by_task", lang), (label("no_commitments", lang),))
    headings = tuple(label(k, lang) for k in ("task", "lead_org", "supporters", "due", "contact", "status",
                                              "history", "blockers"))
    rows = tuple(
        (_task(item, lang), str(item.get("lead", "")), ", ".join(item.get("supporters", [])),
         format_day(str(item.get("due", "")), lang), str(item.get("contact", "")),
         word(STATUSES, str(item.get("status", "")), lang), history(item.get("history", []), lang), _blockers(item))
        for item in sorted(items, key=lambda i: _task(i, lang))
    )
    return Section(label("commitments_by_task", lang), tables=(("", Grid(headings, rows)),))


def _by_partner(summary: dict[str, Any], lang: str) -> Section | None:
    items = summary.get("commitments", [])
    if not items:
        return None
    counts = tuple(
        (str(row["organisation"]), count(row["commitments"]), *(count(row.get(status, 0)) for status in STATUSES))
        for row in summary.get("by_partner", [])
    )
    tables = [("", Grid((label("organisation_column", lang), label("commitments", lang),
                         *(name(lang) for name in STATUSES.values())), counts))]
    for organisation in sorted({str(item.get("lead", "")) for item in items}):
        own = tuple((_task(item, lang), word(STATUSES, str(item.get("status", "")), lang),
                     format_day(str(item.get("due", "")), lang), str(item.get("note", "")))
                    for item in items if item.get("lead") == organisation)
        tables.append((organisation, Grid(tuple(label(k, lang) for k in ("task", "status", "due", "latest_note")),
                                          own, sheet=organisation)))
    return Section(label("commitments_by_partner", lang), tables=tuple(tables),
                   sheet_tag=label("sheet_commitments", lang))


def _timeline(sessions: list[dict[str, Any]], lang: str) -> Section:
    return Section(label("timeline", lang), tables=(("", _grid(timeline_table(sessions, lang))),))


def _reviews(summary: dict[str, Any], lang: str) -> list[Section]:
    titles = meetings_by_id(summary.get("sessions", []))
    meetings = [titles.get(review.get("aar_session"), ("", "")) for review in summary.get("reviews", [])]
    days = [format_day(when, lang) if when else "" for _, when in meetings]
    tables = []
    for review, (title, _), day in zip(summary.get("reviews", []), meetings, days):
        subtitle = f"{title} ({day})" if day else title
        # a review's sheet is told apart by the day of its AAR, and by its title too when two were held that day
        sheet = day if day and days.count(day) == 1 else f"{day} {title}".strip()
        tables.append((subtitle, _grid(expectations_table(review, lang), sheet)))
    return [Section(label("expectations_vs_results", lang), tables=tuple(tables),
                    sheet_tag=label("sheet_bar_aar", lang))] if tables else []


def _grid(table: Table, sheet: str = "") -> Grid:
    """A table of :mod:`exports.summary_tables` as this report's grid (its own sheet told apart by ``sheet``)."""
    return Grid(table.headings, tuple(table.rows), sheet)


def _health(summary: dict[str, Any], lang: str) -> Section | None:
    trend = summary.get("health_by_organisation") or {}
    meetings = trend.get("sessions", [])
    if not meetings:
        return None
    columns = tuple(format_day(saved_held_at(m), lang) for m in meetings)
    tables = []
    lines = []
    for block in trend.get("blocks", []):
        name = Bilingual.from_dict(block["label"])(lang)
        rows = tuple((org, *(word(LIGHTS, light, lang) if light else "–" for light in lights),
                      _change(block.get("change", {}).get(org, ""), lang))
                     for org, lights in block.get("lights", {}).items())
        tables.append((name, Grid((label("organisation_column", lang), *columns, label("change", lang)), rows,
                                  sheet=name)))
        differ = [columns[i] for i, flag in enumerate(block.get("differ", [])) if flag]
        if differ:
            lines.append(label("partners_differ", lang).format(block=name, dates=", ".join(differ)))
    return Section(label("health_by_organisation", lang), tuple(lines), tuple(tables), label("sheet_health", lang))


def _change(change: str, lang: str) -> str:
    """How a partner's light on a block changed between its first and latest rating ("" for one rating)."""
    return label(f"change_{change}", lang) if change else ""


def _partners(partnership: Partnership, lang: str) -> Section:
    rows = tuple((org.name, sector_label(org.sector, lang), ", ".join(org.aliases))
                 for org in partnership.organisations)
    return Section(label("partner_orgs_title", lang), tables=(("", Grid(
        tuple(label(k, lang) for k in ("organisation_column", "sector", "aliases")), rows)),))


# -- formats ----------------------------------------------------------------------------------------------
def write_markdown(partnership: Partnership, summary: dict[str, Any], lang: str) -> bytes:
    """The report as a Markdown file."""
    return markdown(report(partnership, summary, lang)).encode("utf-8")


def write_xlsx(partnership: Partnership, summary: dict[str, Any], lang: str) -> bytes:
    """The report as a workbook: its facts on the first sheet, then one sheet per table, named after its section,
    or — for a section of many tables — after what tells it apart, its section's short name after it
    (:func:`exports.sheet_names.tagged`)."""
    import io

    from openpyxl import Workbook

    from exports.sheet_names import add_sheet, tagged
    from exports.xlsx import fill_sheet

    doc = report(partnership, summary, lang)
    book = Workbook()
    book.remove(book.active)
    fill_sheet(add_sheet(book, label("partnership_report", lang)), Table("", (doc.title, ""), list(doc.facts)))
    for section in doc.sections:
        for subtitle, grid in section.tables:
            title = tagged(grid.sheet, section.sheet_tag) if grid.sheet else f"{section.title} {subtitle}".strip()
            fill_sheet(add_sheet(book, title), Table("", grid.headings, list(grid.rows)))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_pdf(partnership: Partnership, summary: dict[str, Any], lang: str) -> bytes:
    """The report as an A4 PDF in Sarabun, Thai shaped, tables repeating their header on every page."""
    from exports.pdf_fonts import FAMILY, use_sarabun
    from exports.thai_words import breakable
    from exports.pdf_report import ReportPages, draw_table, heading

    doc = report(partnership, summary, lang)
    pdf = use_sarabun(ReportPages(doc.title))
    pdf.set_lang(lang)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    heading(pdf, doc.title, size=20)
    pdf.set_font(FAMILY, "", 11)
    for name, value in doc.facts:
        pdf.multi_cell(0, 6, breakable(f"{name}: {value}"), new_x="LMARGIN", new_y="NEXT")
    for section in doc.sections:
        heading(pdf, section.title)
        pdf.set_font(FAMILY, "", 11)
        for line in section.lines:
            pdf.multi_cell(0, 6, breakable(line), new_x="LMARGIN", new_y="NEXT")
        for subtitle, grid in section.tables:
            if subtitle:
                heading(pdf, subtitle, size=12)
            if grid.rows:
                draw_table(pdf, Table("", grid.headings, list(grid.rows)), (1,) * len(grid.headings),
                           size=8 if len(grid.headings) > 5 else 10)
    return bytes(pdf.output())


def write_html(partnership: Partnership, summary: dict[str, Any], lang: str) -> bytes:
    """The report as one self-contained printable page (no request leaves it; every text escaped)."""
    from html import escape as e

    doc = report(partnership, summary, lang)
    parts = [f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{e(doc.title)}</title>',
             "<style>body{font-family:Sarabun,'TH Sarabun New',Tahoma,sans-serif;margin:2rem;color:#222}"
             "h1,h2,h3{color:#1b5e3b}table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}"
             "th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}"
             "th{background:#e3f1ec}thead{display:table-header-group}"
             "@page{size:A4;margin:15mm}@media print{body{margin:0}h2{break-after:avoid}}</style></head><body>",
             f"<h1>{e(doc.title)}</h1><ul>",
             *(f"<li>{e(name)}: {e(value)}</li>" for name, value in doc.facts), "</ul>"]
    for section in doc.sections:
        parts.append(f"<h2>{e(section.title)}</h2>")
        parts += [f"<p>{e(line)}</p>" for line in section.lines]
        for subtitle, grid in section.tables:
            if subtitle:
                parts.append(f"<h3>{e(subtitle)}</h3>")
            parts.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in grid.headings)
                         + "</tr></thead><tbody>")
            parts += ["<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in grid.rows]
            parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "".join(parts).encode("utf-8")


#: The formats the partnership report is written in: name → (file suffix, writer).
FORMATS = {"pdf": (".pdf", write_pdf), "xlsx": (".xlsx", write_xlsx), "html": (".html", write_html),
           "md": (".md", write_markdown)}


def file_name(partnership: Partnership, fmt: str, lang: str, *, made_at: str | None = None) -> str:
    """A name a person can read: ``2569-12-03 รายงานภาคี ภาคีตำบลหนองบัว.pdf``, safe on every file system."""
    from exports.filenames import MAX_BYTES, file_date, safe_stem

    suffix = FORMATS[fmt][0]
    stem = f"{file_date(made_at or now_iso(), lang)} {label('partnership_report', lang)} {partnership.name}"
    return safe_stem(stem, MAX_BYTES - len(suffix.encode("utf-8"))) + suffix


def save(partnership: Partnership, summary: dict[str, Any], fmt: str, lang: str, folder: Path) -> Path:
    """Write the report in ``fmt`` into ``folder`` under a readable name no other file has; returns its path."""
    from exports.filenames import write_new

    return write_new(folder, file_name(partnership, fmt, lang), FORMATS[fmt][1](partnership, summary, lang))


def markdown(doc: Report) -> str:
    """The report as Markdown (participant text escaped only where Markdown would read it as syntax)."""
    blocks = [f"# {escape(doc.title)}", "\n".join(f"- {escape(name)}: {escape(value)}" for name, value in doc.facts)]
    for section in doc.sections:
        blocks.append(f"## {escape(section.title)}")
        blocks += [escape(line) for line in section.lines]
        for subtitle, grid in section.tables:
            if subtitle:
                blocks.append(f"### {escape(subtitle)}")
            blocks.append(_md_grid(grid))
    return "\n\n".join(blocks) + "\n"


def _md_grid(grid: Grid) -> str:
    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape(cell, cell=True) for cell in cells) + " |"

    return "\n".join([line(grid.headings), "| " + " | ".join("---" for _ in grid.headings) + " |",
                      *(line(row) for row in grid.rows)])
