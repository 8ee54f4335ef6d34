"""Partnerships: matching spellings of one organisation, merging duplicates, and the suggested stage."""

from __future__ import annotations

import unicodedata

import pytest

from facilitator.core.partnership import PartnerOrg, Partnership, loose_partnership, org_key, suggest_stage
from facilitator.core.vocab import STAGES


def thakham() -> Partnership:
    return Partnership(
        id="pn-1",
        name="เครือข่ายสุขภาพตำบลท่าข้าม",
        organisations=[
            PartnerOrg("รพ.สต.บ้านนา", "government"),
            PartnerOrg("อบต.ท่าข้าม", "local_admin"),
            PartnerOrg("ชมรมผู้สูงอายุ", "community", aliases=["ชมรมคนเฒ่า"]),
        ],
        created_at="2026-11-01T00:00:00.000+00:00",
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("รพ.สต.บ้านนา", "รพสต บ้านนา"),
        ("รพ.สต.บ้านนา", " รพ. สต. บ้านนา "),
        ("อบต.ท่าข้าม", "อบต-ท่าข้าม"),
        ("Health Network", "health-network"),
        ("(OBT) Tha/Kham", "obt thakham"),
        (unicodedata.normalize("NFD", "Café"), "cafe\u0301"),
    ],
)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert org_key(a) == org_key(b)


def test_different_organisations_have_different_keys() -> None:
    assert org_key("รพ.สต.บ้านนา") == "รพสตบ้านนา"
    assert org_key("รพ.สต.บ้านนา") != org_key("รพ.สต.บ้านนาใต้")
    assert org_key(" . - ") == ""


def test_canonical_spelling_of_variants_and_aliases() -> None:
    partnership = thakham()
    assert partnership.canonical("รพสต บ้านนา") == "รพ.สต.บ้านนา"
    assert partnership.canonical("ชมรมคนเฒ่า") == "ชมรมผู้สูงอายุ"
    assert partnership.canonical("ชมรม คนเฒ่า.") == "ชมรมผู้สูงอายุ"
    assert partnership.canonical("  โรงเรียนบ้านนา ") == "โรงเรียนบ้านนา"
    assert partnership.canonical(" .. ") == ""
    assert partnership.canonical("") == ""


def test_sector_of_partners_only() -> None:
    partnership = thakham()
    assert partnership.sector_of("รพสต บ้านนา") == "government"
    assert partnership.sector_of("ชมรมคนเฒ่า") == "community"
    assert partnership.sector_of("โรงเรียนบ้านนา") == ""


NAMES = ["รพสต บ้านนา", "ชมรมคนเฒ่า", "ชมรม คนเฒ่า.", "  โรงเรียนบ้านนา ", " .. ", "", "อบต-ท่าข้าม",
         "ชมรมผู้สูงอายุ", "รพ.สต.บ้านนาใต้"]


def test_matcher_matches_names_as_the_partnership_does() -> None:
    partnership = thakham()
    # An alias spelt like another partner's name: the first organisation it matches wins, both ways.
    partnership.organisations.append(PartnerOrg("กลุ่มเยาวชน", "community", aliases=["อบต.ท่าข้าม"]))
    names = partnership.matcher()
    assert [names.canonical(n) for n in NAMES] == [partnership.canonical(n) for n in NAMES]
    assert [names.sector_of(n) for n in NAMES] == [partnership.sector_of(n) for n in NAMES]
    assert names.canonical("อบต ท่าข้าม") == "อบต.ท่าข้าม"
    assert names.sector_of("ชมรมคนเฒ่า") == "community"


def test_add_returns_the_organisation_a_variant_matches() -> None:
    partnership = thakham()
    same = partnership.add("รพสต บ้านนา", "community")
    assert same is partnership.organisations[0]
    assert (same.name, same.sector) == ("รพ.สต.บ้านนา", "government")
    new = partnership.add(" โรงเรียนบ้านนา ", "academic")
    assert (new.name, new.sector) == ("โรงเรียนบ้านนา", "academic")
    assert [o.name for o in partnership.organisations] == [
        "รพ.สต.บ้านนา", "อบต.ท่าข้าม", "ชมรมผู้สูงอายุ", "โรงเรียนบ้านนา"
    ]


def test_merge_a_duplicate_organisation_into_another() -> None:
    partnership = thakham()
    partnership.add("รพ สต บ้านนา หมู่ 3", "")
    partnership.add("ชมรมผู้สูงอายุบ้านนา", "volunteer")
    partnership.merge("ชมรมผู้สูงอายุ", into="ชมรมผู้สูงอายุบ้านนา")
    partnership.merge("รพ สต บ้านนา หมู่ 3", into="รพ.สต.บ้านนา")
    names = [o.name for o in partnership.organisations]
    assert names == ["รพ.สต.บ้านนา", "อบต.ท่าข้าม", "ชมรมผู้สูงอายุบ้านนา"]
    merged = partnership.organisations[2]
    assert merged.aliases == ["ชมรมผู้สูงอายุ", "ชมรมคนเฒ่า"]
    assert merged.sector == "volunteer"
    assert partnership.organisations[0].aliases == ["รพ สต บ้านนา หมู่ 3"]
    for spelling in ("ชมรมผู้สูงอายุ", "ชมรมคนเฒ่า", "ชมรม ผู้สูงอายุ บ้านนา"):
        assert partnership.canonical(spelling) == "ชมรมผู้สูงอายุบ้านนา"
    assert partnership.canonical("รพสต.บ้านนา หมู่3") == "รพ.สต.บ้านนา"


def test_merge_keeps_the_targets_sector_and_takes_the_duplicates_when_it_has_none() -> None:
    partnership = Partnership("pn", "x", [PartnerOrg("A", ""), PartnerOrg("B", "private")])
    partnership.merge("B", into="A")
    assert [o.to_dict() for o in partnership.organisations] == [{"name": "A", "sector": "private", "aliases": ["B"]}]


def test_merge_of_an_unknown_spelling_adds_an_alias() -> None:
    partnership = thakham()
    partnership.merge(" อบต ทาข้าม ", into="อบต.ท่าข้าม")
    assert partnership.organisations[1].aliases == ["อบต ทาข้าม"]
    assert partnership.canonical("อบต.ทาข้าม") == "อบต.ท่าข้าม"
    assert len(partnership.organisations) == 3


def test_merge_of_a_variant_of_the_same_organisation_changes_nothing() -> None:
    partnership = thakham()
    before = partnership.to_dict()
    partnership.merge("รพสต บ้านนา", into="รพ.สต.บ้านนา")
    assert partnership.to_dict() == before


def test_merge_into_a_new_name_creates_it() -> None:
    partnership = thakham()
    partnership.merge("อบต.ท่าข้าม", into="เทศบาลตำบลท่าข้าม")
    assert [o.to_dict() for o in partnership.organisations][-1] == {
        "name": "เทศบาลตำบลท่าข้าม", "sector": "local_admin", "aliases": ["อบต.ท่าข้าม"]
    }
    assert partnership.canonical("อบต ท่าข้าม") == "เทศบาลตำบลท่าข้าม"


def test_partnership_round_trips_as_plain_data() -> None:
    partnership = thakham()
    partnership.stage = "planning"
    assert Partnership.from_dict(partnership.to_dict()) == partnership
    assert partnership.to_dict()["organisations"][2] == {
        "name": "ชมรมผู้สูงอายุ", "sector": "community", "aliases": ["ชมรมคนเฒ่า"]
    }


def test_suggested_stage_follows_the_latest_known_activity() -> None:
    assert suggest_stage([]) == "scoping"
    assert suggest_stage(["bar"]) == "planning"
    assert suggest_stage(["bar", "checkin"]) == "implementing"
    assert suggest_stage(["bar", "checkin", "aar"]) == "reviewing"
    assert suggest_stage(["aar", "my-own-activity"]) == "reviewing"
    assert suggest_stage(["health", "pilot-areas"]) == "planning"
    assert suggest_stage(iter(["role-split"])) == "planning"
    assert all(suggest_stage([a]) in STAGES for a in ("bar", "aar", "checkin", "health", "pilot-areas", "x"))


def test_loose_partnership_matches_the_names_seen() -> None:
    loose = loose_partnership(["รพ.สต.บ้านนา", "รพสต บ้านนา", "", " - ", "อบต.ท่าข้าม"])
    assert (loose.id, loose.name) == ("", "")
    assert [o.name for o in loose.organisations] == ["รพ.สต.บ้านนา", "อบต.ท่าข้าม"]
    assert loose.canonical("รพ สต บ้านนา") == "รพ.สต.บ้านนา"
