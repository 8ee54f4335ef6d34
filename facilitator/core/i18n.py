"""Every word the phones, the screen and the exports say, in Thai and English; Buddhist-era dates."""

from __future__ import annotations

from datetime import UTC, datetime, timezone, timedelta

from facilitator.core.activity import Bilingual
from facilitator.core.vocab import SECTORS, UNKNOWN_SECTOR

B = Bilingual


MESSAGES: dict[str, Bilingual] = {
    # phone pages
    "join_title": B("เข้าร่วม", "Join"),
    "join_intro": B("ใส่ชื่อและหน่วยงานของคุณ (ไม่บังคับ) แล้วกดเข้าร่วม", "Your name and organisation are optional."),
    "name": B("ชื่อ (ไม่บังคับ)", "Name (optional)"),
    "anonymous_intro": B(
        "กิจกรรมนี้ไม่ระบุตัวตน: ไม่ถามและไม่เก็บชื่อของคุณ แต่ยังถามหน่วยงานและภาคส่วน เพราะต้องใช้ในการแบ่งบทบาท",
        "This session is anonymous: your name is not asked or kept. Your organisation and sector are still asked, "
        "because the role split needs them.",
    ),
    "organisation": B("หน่วยงาน / องค์กร (ไม่บังคับ)", "Organisation (optional)"),
    "sector": B("ภาคส่วน", "Sector"),
    "choose": B("— เลือก —", "— choose —"),
    "join_button": B("เข้าร่วม", "Join"),
    "your_answer": B("คำตอบของคุณ", "Your answer"),
    "send": B("ส่งคำตอบ", "Send"),
    "sending": B("กำลังส่ง…", "Sending…"),
    "saved": B("บันทึกแล้ว", "Saved"),
    "my_answers": B("คำตอบของฉัน", "My answers"),
    "no_answers_yet": B("ยังไม่มีคำตอบ", "No answers yet"),
    "one_idea": B("หนึ่งความคิดต่อหนึ่งคำตอบ ส่งได้หลายครั้ง", "One idea per answer; send as many as you like."),
    "waiting": B("รอผู้อำนวยความสะดวกเริ่มกิจกรรม…", "Waiting for the facilitator to start…"),
    "refresh": B("รีเฟรช", "Refresh"),
    "step_of": B("ข้อ {n} จาก {total}", "Step {n} of {total}"),
    "closed_title": B("ปิดกิจกรรมแล้ว", "This session has closed"),
    "closed_body": B("ขอบคุณที่ร่วมแบ่งปัน", "Thank you for taking part."),
    "unknown_title": B("ไม่พบกิจกรรมนี้", "Session not found"),
    "unknown_body": B(
        "ตรวจสอบรหัสหรือสแกน QR code บนจออีกครั้ง", "Check the code or scan the QR code on the screen again."
    ),
    "back_soon_title": B("การประชุมจะกลับมาในอีกสักครู่", "The meeting will be back in a moment"),
    "back_soon_body": B(
        "ผู้อำนวยความสะดวกกำลังเปิดระบบอีกครั้ง คำตอบที่ส่งแล้วยังอยู่ครบ หน้านี้จะลองใหม่เอง",
        "The facilitator is starting it again. The answers you sent are kept; this page tries again by itself.",
    ),
    "reconnecting": B("กำลังเชื่อมต่อใหม่…", "Reconnecting…"),
    "open_now": B("เข้าร่วมกิจกรรมที่เปิดอยู่ตอนนี้: {title}", "Join the session that is open now: {title}"),
    "error_title": B("ส่งไม่สำเร็จ", "Not sent"),
    "back": B("กลับ", "Back"),
    "empty": B("คำตอบว่างเปล่า กรุณาพิมพ์ข้อความ", "The answer is empty: please type something."),
    "too_long": B("ข้อความยาวเกินไป", "That text is too long."),
    "too_large": B("ข้อมูลที่ส่งมีขนาดใหญ่เกินไป", "What was sent is too large."),
    "bad_encoding": B("ข้อความมีอักขระที่อ่านไม่ได้", "The text has characters that cannot be read."),
    "step_closed": B("ข้อนี้ปิดรับคำตอบแล้ว คำตอบไม่ได้บันทึก", "This step is closed; the answer was not saved."),
    "not_joined": B("กรุณาเข้าร่วมก่อน", "Please join first."),
    "bad_request": B("คำขอไม่ถูกต้อง", "That request was not valid."),
    "forbidden": B("ไม่อนุญาต", "Not allowed."),
    "too_many_codes": B("ใส่รหัสผิดหลายครั้งเกินไป กรุณารอสักครู่ หรือสแกน QR code บนจอ",
                        "Too many wrong codes: wait a minute, or scan the QR code on the screen."),
    "too_slow": B("การส่งช้าเกินไป กรุณาลองใหม่", "Sending took too long: try again."),
    "stale_form": B("หน้านี้เก่าเกินไป ข้อความของคุณยังอยู่ กรุณากดส่งอีกครั้ง",
                    "This page was out of date. What you typed is kept: send it again."),
    "slow_down": B("ส่งถี่เกินไป กรุณารอสักครู่แล้วลองใหม่", "Too many requests: wait a moment and try again."),
    "storage_failed": B(
        "บันทึกไม่สำเร็จ (เครื่องของผู้อำนวยความสะดวกมีปัญหา) กรุณาลองใหม่",
        "Could not save (the facilitator's computer has a problem). Please try again.",
    ),
    "need_organisation": B("กรุณาระบุหน่วยงานที่คุณเป็นตัวแทน", "Please name the organisation you speak for."),
    "bad_date": B("วันที่ไม่ถูกต้อง", "That date is not valid."),
    "bad_points": B("คะแนนต้องเป็นจำนวนเต็ม", "Points must be whole numbers."),
    "over_budget": B("ให้คะแนนรวมเกินที่มี", "That is more points than you have."),
    "not_found": B("ไม่พบหน้านี้", "Page not found"),
    "language": B("English", "ภาษาไทย"),
    # screen
    "join_at": B("สแกนเพื่อเข้าร่วม หรือเปิด", "Scan to join, or open"),
    "code": B("รหัส", "Code"),
    "joined": B("เข้าร่วมแล้ว", "Joined"),
    "answers": B("คำตอบ", "Answers"),
    "participants": B("ผู้เข้าร่วม", "Participants"),
    "lobby": B("รอเริ่ม", "Lobby"),
    "running": B("กำลังดำเนินการ", "Running"),
    "closed": B("ปิดแล้ว", "Closed"),
    "close_confirm": B("ปิดกิจกรรมและบันทึกสรุป?", "Close the session and save its summary?"),
    "yes_close": B("ปิดกิจกรรม", "Close session"),
    "cancel": B("ยกเลิก", "Cancel"),
    "quit_confirm": B(
        "ยังมีกิจกรรมที่เปิดอยู่ ออกจากโปรแกรมหรือไม่?\nคำตอบทั้งหมดบันทึกไว้แล้ว เปิดโปรแกรมอีกครั้งเพื่อทำต่อได้",
        "A session is still open. Quit?\nEvery answer is saved; start Facilitator again to carry on.",
    ),
    "keep_running": B("ทำงานต่อ", "Keep running"),
    "resume_step": B(
        "ทำต่อ «{title}» ที่ข้อ {n} จาก {total} รหัสเข้าร่วม {code}? (Enter)",
        "Resume ‹{title}› at step {n} of {total}, join code {code}? (Enter)",
    ),
    "resume_lobby": B(
        "ทำต่อ «{title}» ที่หน้าเข้าร่วม รหัสเข้าร่วม {code}? (Enter)",
        "Resume ‹{title}› at its join screen, join code {code}? (Enter)",
    ),
    "resume": B("ทำต่อ", "Resume"),
    "not_now": B("ไม่ใช่ตอนนี้", "Not now"),
    "summary": B("สรุปผล", "Summary"),
    "by_step": B("คำตอบรายข้อ", "Answers by step"),
    "by_sector": B("ตามภาคส่วน", "By sector"),
    "by_organisation": B("ตามหน่วยงาน", "By organisation"),
    "silent": B("เข้าร่วมแต่ยังไม่ได้ตอบ", "Joined but gave no answer"),
    "sessions": B("กิจกรรม", "Sessions"),
    "no_sessions": B("ยังไม่มีกิจกรรม กด n เพื่อเริ่มกิจกรรมใหม่", "No sessions yet: press n to start one."),
    "hidden": B("ซ่อนคำตอบอยู่ (กด h เพื่อเปิด)", "Answers hidden (press h to reveal)"),
    "storage_warning": B("บันทึกลงดิสก์ไม่สำเร็จ", "Could not write to disk"),
    "storage_ok": B("บันทึกได้ตามปกติแล้ว", "Saving works again"),
    "title": B("ชื่อกิจกรรม", "Title"),
    "start": B("เริ่ม", "Start"),
    "anonymous_switch": B(
        "ไม่ระบุตัวตน (ไม่ถามและไม่เก็บชื่อผู้เข้าร่วม)", "Anonymous (no participant's name asked or kept)"
    ),
    "anonymous_mark": B("ไม่ระบุตัวตน", "Anonymous"),
    "time": B("เวลา", "Time"),
    "step": B("ข้อ", "Step"),
    "next": B("ถัดไป", "Next"),
    "previous": B("ก่อนหน้า", "Previous"),
    "hide": B("ซ่อน/แสดงคำตอบ", "Hide/reveal"),
    "join_screen": B("หน้าเข้าร่วม", "Join screen"),
    "close": B("ปิดกิจกรรม", "Close"),
    "home": B("หน้าหลัก", "Home"),
    "export": B("ส่งออก", "Export"),
    "exported": B("บันทึกไฟล์แล้ว", "Exported"),
    "last_step": B("ข้อสุดท้ายแล้ว กด c เพื่อปิดกิจกรรม", "This is the last step: press c to close the session."),
    # role split, progress, health, pilot areas
    "task": B("งาน", "Task"),
    "tasks": B("งานที่ต้องแบ่งบทบาท", "Tasks to split"),
    "level": B("บทบาท", "Role"),
    "no_role": B("ไม่รับ", "None"),
    "resources": B("ทรัพยากรที่หนุน", "Resources offered"),
    "note": B("หมายเหตุ", "Note"),
    "speaking_for": B("ตอบในนามหน่วยงาน", "Answering for"),
    "other_org": B("หน่วยงานอื่น (พิมพ์ชื่อ)", "Another organisation (type its name)"),
    "also_for": B("พูดแทนหน่วยงานอื่นด้วย (ถ้ามี)", "Also speaking for (if any)"),
    "add_task": B("เพิ่มงาน", "Add a task"),
    "new_task": B("ชื่องานใหม่", "New task"),
    "gap": B("ยังไม่มีเจ้าภาพ", "No lead yet"),
    "overlap": B("มีเจ้าภาพหลายหน่วยงาน", "More than one lead"),
    "gaps": B("งานที่ยังไม่มีเจ้าภาพ", "Tasks with no lead"),
    "overlaps": B("งานที่มีเจ้าภาพซ้ำซ้อน", "Tasks with several leads"),
    "coordinator": B("ผู้ประสาน", "Coordinator"),
    "none_yet": B("ยังไม่มี", "None yet"),
    "load": B("ภาระงานของแต่ละหน่วยงาน", "Load per organisation"),
    "many_hats": B("คนที่สวมหลายหมวก", "People wearing several hats"),
    "not_present": B("ภาคีที่ไม่ได้มาร่วม", "Invited partners not present"),
    "silent_partners": B("ภาคีที่มาแต่ยังไม่ได้พูด", "Partners present but not heard"),
    "role_split": B("สรุปการแบ่งบทบาท", "Role-split summary"),
    "progress": B("สรุปความก้าวหน้า", "Progress summary"),
    "commitments": B("งานที่รับไว้", "Commitments"),
    "no_commitments": B("ยังไม่มีงานที่รับไว้ (ยังไม่มีเจ้าภาพหลักใน BAR)", "No commitments yet (no lead claims in a BAR)"),
    "lead_org": B("หน่วยงานเจ้าภาพ", "Lead organisation"),
    "supporters": B("ผู้ร่วม/ผู้หนุน", "Supporters"),
    "due": B("กำหนดเสร็จ", "Due"),
    "who_leads": B("หน่วยงานที่รับผิดชอบ", "Organisation responsible"),
    "history": B("ความเป็นมา", "History"),
    "expectations": B("สิ่งที่คาดหวังไว้ (จาก BAR)", "What we expected (from the BAR)"),
    "no_expectations": B("ไม่มี BAR ที่เชื่อมไว้", "No linked BAR"),
    "verdict": B("ผลเทียบกับที่คาดหวัง", "Result against expectation"),
    "met_or_exceeded": B("สิ่งที่ได้ตามหรือเกินคาด", "Met or exceeded"),
    "fell_short": B("สิ่งที่ได้น้อยกว่าคาด", "Fell short"),
    "health": B("สุขภาพภาคี", "Partnership health"),
    "ratings": B("จำนวนผู้ให้คะแนน", "Ratings"),
    "pilot_scores": B("คะแนนพื้นที่นำร่อง", "Pilot-area scores"),
    "points": B("คะแนน", "Points"),
    "voters": B("ผู้ให้คะแนน", "Voters"),
    "rank": B("อันดับ", "Rank"),
    "points_left": B("เหลือ {n} คะแนน", "{n} points left"),
    "partnership": B("ภาคี/เครือข่าย", "Partnership"),
    "partnerships": B("ภาคี/เครือข่าย", "Partnerships"),
    "no_partnership": B("ไม่ระบุภาคี", "No partnership"),
    "new_partnership": B("สร้างภาคีใหม่", "New partnership"),
    "partner_orgs": B("หน่วยงานภาคี (บรรทัดละหนึ่ง: ชื่อ | ภาคส่วน)", "Partner organisations (one per line: name | sector)"),
    "stage": B("ระยะของภาคี", "Partnership stage"),
    "stage_suggested": B("แนะนำ", "suggested"),
    "timeline": B("ลำดับการประชุม", "Timeline of sessions"),
    "follows": B("ต่อจาก BAR", "Follows the BAR"),
    "merge": B("รวมชื่อหน่วยงานซ้ำ", "Merge duplicate organisations"),
    "merged": B("รวมชื่อแล้ว", "Merged"),
    "organisation_col": B("หน่วยงาน", "Organisation"),
    "level_lead_short": B("เจ้าภาพ", "Lead"),
    "level_co_short": B("ร่วม", "Co"),
    "level_support_short": B("หนุน", "Support"),
    "level_informed_short": B("รับทราบ", "Informed"),
    "block": B("องค์ประกอบ", "Building block"),
    "overall": B("ภาพรวม", "Overall"),
    "score": B("คะแนนเฉลี่ย (0–2)", "Score (0–2)"),
    "area": B("พื้นที่", "Area"),
    "task_added": B("เพิ่มงานแล้ว", "Task added"),
    "skip": B("ไม่ตอบข้อนี้", "Skip"),
    "budget": B("คุณมี {n} คะแนน แบ่งให้ตัวเลือกได้ตามต้องการ", "You have {n} points to spread"),
    "also_hint": B("ถ้ามีหลายหน่วยงาน คั่นด้วยเครื่องหมายจุลภาค (,)", "Several? Separate them with commas."),
    "switch_org": B("ตอบในนามหน่วยงานอื่น:", "Answer for another organisation:"),
    "your_commitments": B("งานที่หน่วยงานของคุณรับไว้", "Your organisation's commitments"),
    "other_commitments": B("งานที่หน่วยงานอื่นรับไว้", "Other organisations' commitments"),
    "new_session": B("กิจกรรมใหม่", "New session"),
    "open": B("เปิด", "Open"),
    "quit": B("ออก", "Quit"),
    "yes": B("ใช่", "Yes"),
    "delete": B("ลบ", "Delete"),
    "yes_delete": B("ย้ายไปถังขยะ", "Move to the trash"),
    "delete_session_confirm": B(
        "ย้ายกิจกรรม “{title}” ไปถังขยะ? กู้คืนได้ด้วยคำสั่ง facilitator trash restore {id}",
        "Move the session “{title}” to the trash? It comes back with: facilitator trash restore {id}",
    ),
    "delete_partnership_confirm": B(
        "ย้ายภาคี “{name}” พร้อมกิจกรรมของภาคีทั้ง {n} ครั้งไปถังขยะ? กู้คืนได้ด้วยคำสั่ง facilitator trash restore {id}",
        "Move the partnership “{name}” to the trash, with its sessions ({n})? "
        "They come back with: facilitator trash restore {id}",
    ),
    "delete_close_first": B(
        "กิจกรรมนี้ยังไม่ปิด เปิดและปิดกิจกรรมก่อนจึงจะลบได้", "This session is not closed: open it and close it first."
    ),
    "delete_partnership_close_first": B(
        "ภาคีนี้มีกิจกรรมที่ยังไม่ปิด ปิดกิจกรรมนั้นก่อนจึงจะลบภาคีได้",
        "This partnership has a session that is not closed: close it first.",
    ),
    "moved_to_trash": B("ย้ายไปถังขยะแล้ว", "Moved to the trash"),
    "no": B("ไม่", "No"),
    "all_sessions": B("ทุกกิจกรรม", "All sessions"),
    "check_org": B(
        "ตอนนี้แสดงบทบาทของ {org} แล้ว ตรวจดูอีกครั้งแล้วกดส่ง", "Now showing the roles of {org}: check them, then send."
    ),
    "wifi_step": B("ต่อ Wi-Fi ก่อน", "First join the Wi-Fi"),
    "wifi_password": B("รหัสผ่าน", "Password"),
    "press_start": B("กด → เพื่อเริ่มข้อแรก", "Press → to open the first step"),
    "activity": B("กิจกรรม", "Activity"),
    "date": B("วันที่", "Date"),
    "status": B("สถานะ", "Status"),
    "no_name": B("ไม่ระบุชื่อ", "Anonymous"),
    "no_org": B("ไม่ระบุหน่วยงาน", "No organisation given"),
}

_THAI_MONTHS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Thailand's time zone (no daylight saving): meetings are dated as the room lived them.
BANGKOK = timezone(timedelta(hours=7), "ICT")


def t(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` with ``{placeholders}`` filled."""
    text = MESSAGES[key](lang)
    return text.format(**values) if values else text


def sector_label(key: str, lang: str) -> str:
    """The label of sector ``key`` (an unknown or empty key reads "not given")."""
    return SECTORS.get(key, UNKNOWN_SECTOR)(lang)


def format_date(iso: str, lang: str, *, with_time: bool = True) -> str:
    """A stored UTC timestamp as the room reads it: Thai with the Buddhist-era year, English with the CE year."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(BANGKOK)
    clock = f" {local:%H:%M}" if with_time else ""
    if lang == "th":
        return f"{local.day} {_THAI_MONTHS[local.month - 1]} {local.year + 543}{clock}"
    return f"{local.day} {_EN_MONTHS[local.month - 1]} {local.year}{clock}"


def format_day(value: str, lang: str) -> str:
    """A stored date (YYYY-MM-DD) or timestamp as the room reads it, without the time; "" stays "", and
    anything that is not a date (typed by hand, say) is shown as it is."""
    if not value:
        return ""
    try:
        return format_date(value, lang, with_time=False)
    except ValueError:
        return value
