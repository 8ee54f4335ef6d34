"""The fixed vocabularies: participants' sectors, and what structured steps offer — role levels, resources,
statuses, traffic lights, verdicts, points budgets — and the stages of the partnering cycle."""

from __future__ import annotations

from facilitator.core.activity import Bilingual

B = Bilingual

#: Sectors a participant can pick (key → label). The key is what is stored.
SECTORS: dict[str, Bilingual] = {
    "government": B("ภาครัฐ", "Government agency"),
    "local_admin": B("องค์กรปกครองส่วนท้องถิ่น", "Local administration"),
    "community": B("องค์กรชุมชน", "Community organisation"),
    "civil_society": B("ภาคประชาสังคม", "Civil society / NGO"),
    "academic": B("สถาบันการศึกษา", "Academic"),
    "private": B("ภาคเอกชน", "Private sector"),
    "volunteer": B("อาสาสมัคร (อสม. ฯลฯ)", "Volunteer (VHV etc.)"),
    "other": B("อื่น ๆ", "Other"),
}
#: How a participant who picked no sector is shown.
UNKNOWN_SECTOR = B("ไม่ระบุ", "Not given")

#: How far an organisation takes on a task, strongest first.
LEVELS: dict[str, Bilingual] = {
    "lead": B("เจ้าภาพหลัก", "Lead"),
    "co": B("ร่วมดำเนินการ", "Co-deliver"),
    "support": B("หนุนเสริมทรัพยากร", "Support with resources"),
    "informed": B("รับทราบ", "Keep informed"),
}
#: The level a phone sends to withdraw its organisation's earlier claim on a task.
NO_ROLE = "none"
#: Weight of each level in an organisation's load.
LEVEL_WEIGHT = {"lead": 3, "co": 2, "support": 1, "informed": 0}

RESOURCES: dict[str, Bilingual] = {
    "money": B("งบประมาณ", "Money"),
    "people": B("คน", "People"),
    "knowledge": B("ความรู้", "Knowledge"),
    "place": B("สถานที่", "Place"),
}

#: Status of a commitment, in the order work usually moves.
STATUSES: dict[str, Bilingual] = {
    "not_started": B("ยังไม่เริ่ม", "Not started"),
    "in_progress": B("กำลังทำ", "In progress"),
    "blocked": B("ติดขัด", "Blocked / at risk"),
    "done": B("เสร็จ", "Done"),
    "dropped": B("ยกเลิก", "Dropped"),
}

#: Traffic-light ratings of the health check.
LIGHTS: dict[str, Bilingual] = {
    "green": B("เขียว (ดีแล้ว)", "Green (working well)"),
    "amber": B("เหลือง (ต้องปรับ)", "Amber (needs attention)"),
    "red": B("แดง (มีปัญหา)", "Red (a problem)"),
}
LIGHT_SCORE = {"green": 2, "amber": 1, "red": 0}

#: The most points a points step may give each participant to spread.
MAX_BUDGET = 1000
#: The dots each participant places in a dot vote unless the step says otherwise, and the most a step may give.
DEFAULT_DOTS = 3
MAX_DOTS = 20

#: How an AAR judges a BAR expectation.
VERDICTS: dict[str, Bilingual] = {
    "exceeded": B("เกินความคาดหวัง", "Exceeded"),
    "met": B("ตามที่คาดหวัง", "Met"),
    "short": B("น้อยกว่าที่คาดหวัง", "Fell short"),
}

#: The 12-phase partnering cycle.
STAGES: dict[str, Bilingual] = {
    "scoping": B("สำรวจขอบเขต", "Scoping"),
    "identifying": B("ระบุภาคี", "Identifying"),
    "building": B("สร้างความสัมพันธ์", "Building"),
    "planning": B("วางแผน", "Planning"),
    "managing": B("จัดโครงสร้างการจัดการ", "Managing"),
    "resourcing": B("ระดมทรัพยากร", "Resourcing"),
    "implementing": B("ดำเนินการ", "Implementing"),
    "measuring": B("วัดผล", "Measuring"),
    "reviewing": B("ทบทวน", "Reviewing"),
    "revising": B("ปรับปรุง", "Revising"),
    "institutionalising": B("สร้างเป็นระบบ", "Institutionalising"),
    "sustaining": B("ยั่งยืนหรือยุติ", "Sustaining or terminating"),
}

#: The abbreviations of agencies, funds and bodies that Thai partnership networks write in their answers, each
#: with the other ways it is typed; the first spelling is the one counted and shown. Words are counted with
#: them whole, so "รพ.สต." or "พอช." is one word, not "รพ." and "สต." or "พอ" and "ช". Spellings without dots are
#: listed only for three letters or more: shorter ones are too likely to be the start of another word.
AGENCY_ABBREVIATIONS: tuple[tuple[str, ...], ...] = (
    ("อบต.", "อบต"), ("อบจ.", "อบจ"), ("อปท.", "อปท"), ("อสม.", "อสม"), ("อพม.", "อพม"), ("อผส.", "อผส"),
    ("รพ.สต.", "รพสต.", "รพสต"), ("รพช.", "รพช"), ("รพ.",), ("สสอ.", "สสอ"), ("สสจ.", "สสจ"),
    ("สสส.", "สสส"), ("สปสช.", "สปสช"), ("พอช.", "พอช"), ("พชอ.", "พชอ"), ("พมจ.", "พมจ"), ("พม.",),
    ("พช.",), ("กขป.", "กขป"), ("กศน.", "กศน"), ("ธ.ก.ส.", "ธกส.", "ธกส"), ("ลปรร.", "ลปรร"),
    ("พ.ร.บ.", "พรบ.", "พรบ"), ("กฟผ.", "กฟผ"), ("กฟภ.", "กฟภ"), ("ศพด.", "ศพด"), ("กทบ.", "กทบ"),
    ("ปภ.",), ("สพฐ.", "สพฐ"), ("ผญบ.", "ผญบ"), ("ผอ.",), ("สปก.", "สปก"), ("ตชด.", "ตชด"), ("มท.",),
    ("สธ.",), ("ศธ.",), ("บพท.", "บพท"), ("สกสว.", "สกสว"), ("วช.",), ("จนท.", "จนท"),
)
