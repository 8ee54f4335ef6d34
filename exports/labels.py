"""Words only the exports say, in Thai and English; everything else comes from :mod:`facilitator.core.i18n`."""

from __future__ import annotations

from facilitator.core.activity import Bilingual
from facilitator.core.i18n import t

B = Bilingual

#: Export-only labels (key → text); a key missing here is looked up in the app's messages.
LABELS: dict[str, Bilingual] = {
    "step": B("ข้อ", "Step"),
    "respondents": B("ผู้ตอบ", "Respondents"),
    "organisation_column": B("หน่วยงาน", "Organisation"),
    "none": B("ไม่มี", "None"),
    "load_score": B("น้ำหนักงานรวม", "Weighted load"),
    "block": B("องค์ประกอบ", "Building block"),
    "green": B("เขียว", "Green"),
    "amber": B("เหลือง", "Amber"),
    "red": B("แดง", "Red"),
    "light": B("สัญญาณไฟรวม", "Overall light"),
    "not_rated": B("ยังไม่มีผู้ให้คะแนน", "Not rated yet"),
    "comments": B("ความเห็นประกอบ", "Comments"),
    "area": B("พื้นที่", "Area"),
    "latest_note": B("บันทึกล่าสุด", "Latest note"),
    "expectation": B("สิ่งที่คาดหวัง", "Expectation"),
    "votes": B("จำนวนเสียง", "Votes"),
    "offers": B("ทรัพยากรที่หนุนและหมายเหตุ", "Resources offered and notes"),
    "session_facts": B("ข้อมูลการประชุม", "About the session"),
    # short names of a partnership report's sheets of one kind, after what tells each apart (Excel allows 31)
    "sheet_commitments": B("งานที่รับไว้", "Commitments"),
    "sheet_bar_aar": B("BAR เทียบ AAR", "BAR vs AAR"),
    "sheet_health": B("สุขภาพภาคี", "Health"),
    "snapshot_running": B(
        "ภาพ ณ {at} ขณะกิจกรรมยังดำเนินอยู่ คำตอบที่ส่งหลังจากนี้ไม่อยู่ในไฟล์นี้",
        "A snapshot taken at {at} while the session was still running: later answers are not in this file.",
    ),
    "anonymous_record": B(
        "กิจกรรมนี้ไม่ระบุตัวตน: ไม่ได้เก็บชื่อผู้เข้าร่วม", "An anonymous session: no participant's name was kept."
    ),
}


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``: an export-only label, else the app message of that key."""
    text = LABELS.get(key)
    return text(lang) if text is not None else t(key, lang)
