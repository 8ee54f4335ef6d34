"""Home: partnerships, their timelines, and starting sessions inside them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select, Static, TextArea

from facilitator.core.live import LiveSession
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.new_session import NewSessionScreen
from facilitator.tui.screens.partnership_forms import NewPartnershipScreen, parse_organisations
from facilitator.tui.screens.session import SessionScreen
from tests.support import choosing_formats, make_app, until


def test_organisation_lines_accept_keys_and_labels() -> None:
    assert parse_organisations("อบต.ท่าข้าม | local_admin\nรพ.สต.บ้านนา|ภาครัฐ\n\nกลุ่มแม่บ้าน") == [
        ("อบต.ท่าข้าม", "local_admin"), ("รพ.สต.บ้านนา", "government"), ("กลุ่มแม่บ้าน", ""),
    ]


async def test_a_partnership_is_created_and_an_aar_follows_its_bar(tmp_path: Path) -> None:
    app = make_app(tmp_path, activity=None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, NewPartnershipScreen))
        app.screen.query_one("#name", Input).value = "ภาคีตำบลท่าข้าม"
        app.screen.query_one("#orgs", TextArea).text = "อบต.ท่าข้าม | local_admin\nรพ.สต.บ้านนา | government"
        await pilot.click("#ok")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and len(app.store.partnerships()) == 1)
        partnership = app.store.partnerships()[0]
        assert [(o.name, o.sector) for o in partnership.organisations] == [
            ("อบต.ท่าข้าม", "local_admin"), ("รพ.สต.บ้านนา", "government")]
        options = app.screen.query_one("#partnerships", OptionList)
        await until(pilot, lambda: options.option_count == 2)
        assert options.highlighted == 1  # the partnership just created: a session started next belongs to it

        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NewSessionScreen))
        assert app.screen.query_one("#partnership", Select).value == partnership.id
        app.screen.query_one("#title", Input).value = "BAR ก่อนลงพื้นที่"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        bar: LiveSession = app.screen.live  # type: ignore[attr-defined]
        assert bar.session.partnership_id == partnership.id and bar.partnership is not None
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))

        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NewSessionScreen))
        app.screen.query_one("#activity", Select).value = "aar"
        await pilot.pause()
        follows = app.screen.query_one("#follows", Select)
        await until(pilot, lambda: follows.value == bar.session.id)
        app.screen.query_one("#title", Input).value = "AAR หลังลงพื้นที่"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        aar: LiveSession = app.screen.live  # type: ignore[attr-defined]
        assert aar.session.follows == bar.session.id
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#sessions", DataTable)
        await until(pilot, lambda: table.row_count == 2)
        assert [str(table.get_row_at(i)[1]) for i in range(2)] == ["AAR หลังลงพื้นที่", "BAR ก่อนลงพื้นที่"]
        stage = str(app.screen.query_one("#stage", Static).render())
        assert "ทบทวน" in stage  # an AAR suggests the reviewing stage


async def test_v_shows_the_partnerships_progress_with_its_timeline(tmp_path: Path) -> None:
    from activities import load
    from facilitator.tui.screens.progress import ProgressScreen
    from facilitator.tui.widgets.boards import Board

    app = make_app(tmp_path, activity=None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        partnership = app.store.create_partnership("ภาคีตำบลท่าข้าม", [("อบต.ท่าข้าม", "local_admin")])
        live = await app.start_session(load("bar"), "BAR ก่อนลงพื้นที่", partnership.id)
        person = await live.join("token-aaaaaaaaaaaaaaaaaaaa", organisation="อบต.ท่าข้าม")
        roles = [step.id for step in live.session.activity.steps].index("roles")
        await live.goto(roles)
        await live.submit(person.id, roles, "claims-0001", {"level.data": ["lead"]})
        await pilot.press("c")
        await pilot.press("y")
        await until(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
        app.pop_screen()
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.screen.refresh_all()  # type: ignore[attr-defined]
        options = app.screen.query_one("#partnerships", OptionList)
        options.highlighted = 1
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen))
        commitments = app.screen.query_one("#progress-board", Board).plain
        assert "ข้อมูลกลาง" in commitments and "อบต.ท่าข้าม" in commitments and "ยังไม่เริ่ม" in commitments
        assert "BAR ก่อนลงพื้นที่" in app.screen.query_one("#timeline-board", Board).plain
        partners = app.screen.query_one("#partners-board", Board).plain.splitlines()
        assert partners[1].split()[:3] == ["อบต.ท่าข้าม", "1", "1"]  # one commitment, not started

        # e writes the partnership report, in the format picked, into the exports folder
        progress_screen = app.screen
        await pilot.press("e")
        await until(pilot, lambda: choosing_formats(app), "the export dialog")
        await pilot.press("down", "down", "enter")  # after "every format": PDF, then XLSX
        folder = tmp_path / "exports"
        await until(pilot, lambda: folder.exists() and [p.suffix for p in folder.iterdir()] == [".xlsx"],
                    "the report written", tries=3000)
        [written] = folder.iterdir()
        assert written.name.endswith(" รายงานภาคี ภาคีตำบลท่าข้าม.xlsx") and app.screen is progress_screen
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_an_organisation_typed_on_the_join_page_joins_the_partnerships_list(tmp_path: Path) -> None:
    from activities import load

    app = make_app(tmp_path, activity=None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        partnership = app.store.create_partnership("ภาคีตำบลท่าข้าม", [("อบต.ท่าข้าม", "local_admin")])
        live = await app.start_session(load("bar"), "BAR", partnership.id)
        await live.join("token-aaaaaaaaaaaaaaaaaaaa", organisation="กลุ่มแม่บ้านหมู่ 3", sector="community",
                        also=["อบต. ท่าข้าม"])
        saved = app.store.partnership(partnership.id)
        assert [(o.name, o.sector) for o in saved.organisations] == [
            ("อบต.ท่าข้าม", "local_admin"), ("กลุ่มแม่บ้านหมู่ 3", "community")]  # a known spelling is not added
        assert [o.name for o in live.partnership.organisations] == ["อบต.ท่าข้าม", "กลุ่มแม่บ้านหมู่ 3"]


async def test_merge_and_stage_forms_change_the_highlighted_partnership(tmp_path: Path) -> None:
    from facilitator.tui.screens.partnership_forms import MergeScreen, StageScreen

    app = make_app(tmp_path, None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        partnership = app.store.create_partnership("ภาคีตำบลท่าข้าม", [("อบต.ท่าข้าม", "local_admin"),
                                                                       ("อบต ท่าข้าม ใหม่", "")])
        app.screen.refresh_all()  # type: ignore[attr-defined]
        options = app.screen.query_one("#partnerships", OptionList)
        options.highlighted = 1

        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MergeScreen))
        await pilot.click("#cancel")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert len(app.store.partnership(partnership.id).organisations) == 2

        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MergeScreen))
        app.screen.query_one("#duplicate", Select).value = "อบต ท่าข้าม ใหม่"
        app.screen.query_one("#into", Select).value = "อบต.ท่าข้าม"
        await pilot.click("#ok")
        await until(pilot, lambda: len(app.store.partnership(partnership.id).organisations) == 1)
        assert isinstance(app.screen, HomeScreen)
        merged = app.store.partnership(partnership.id).organisations
        assert [(org.name, org.aliases) for org in merged] == [("อบต.ท่าข้าม", ["อบต ท่าข้าม ใหม่"])]

        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        app.screen.query_one("#stage", Select).value = "planning"
        await pilot.click("#ok")
        await until(pilot, lambda: app.store.partnership(partnership.id).stage == "planning")
        assert "วางแผน" in str(app.screen.query_one("#stage", Static).render())


async def test_m_merges_two_spellings_for_the_partnership_and_its_open_sessions(tmp_path: Path) -> None:
    from activities import load
    from facilitator.tui.screens.partnership_forms import MergeScreen

    app = make_app(tmp_path, None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        partnership = app.store.create_partnership("ภาคีตำบลท่าข้าม", [("อบต.ท่าข้าม", "local_admin")])
        live = await app.start_session(load("bar"), "BAR", partnership.id)
        await live.join("token-aaaaaaaaaaaaaaaaaaaa", organisation="อบต ท่าข้ามใหม่")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.screen.refresh_all()  # type: ignore[attr-defined]
        app.screen.query_one("#partnerships", OptionList).highlighted = 1
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MergeScreen))
        app.screen.query_one("#duplicate", Select).value = "อบต ท่าข้ามใหม่"
        app.screen.query_one("#into", Select).value = "อบต.ท่าข้าม"
        await pilot.click("#ok")
        await until(pilot, lambda: bool(app.store.catalog.partnership_summaries(partnership.id)))
        assert [o.name for o in app.store.partnership(partnership.id).organisations] == ["อบต.ท่าข้าม"]
        assert live.partnership is not None and live.partnership.canonical("อบต ท่าข้ามใหม่") == "อบต.ท่าข้าม"
        assert isinstance(app.screen, HomeScreen)
        await until(pilot, lambda: "อบต ท่าข้ามใหม่" not in str(app.screen.query_one("#stage", Static).render()))


async def focus_sessions(pilot: Pilot[Any], app: App[Any], rows: int) -> DataTable[Any]:
    """Back on the home screen with ``rows`` sessions listed, the sessions table focused."""
    await until(pilot, lambda: isinstance(app.screen, HomeScreen))
    table = app.screen.query_one("#sessions", DataTable)
    await until(pilot, lambda: table.row_count == rows)
    table.focus()
    await until(pilot, lambda: table.has_focus)
    return table


def question(app: App[Any]) -> str:
    """The question a confirm dialog asks."""
    return str(app.screen.query_one(".question", Static).render())


async def test_the_sessions_table_counts_what_is_stored(tmp_path: Path) -> None:
    """Answers stored after the index entry was last written (the journal of a crashed session) are counted."""
    from activities import load
    from facilitator.core.workshop import Workshop
    from facilitator.store import Store

    store = Store(tmp_path)
    live = await Workshop(store).open_session(load("bar"), "นับ")
    person = await live.join("token-aaaaaaaaaaaaaaaaaaaa")
    await live.advance()
    for i in range(7):
        await live.answer(person.id, 0, f"คำตอบ {i}", f"client-{i:04d}")
    entry = store.catalog.session(live.session.id)
    assert entry is not None and entry["answers"] == 0
    app = make_app(tmp_path, activity=None)  # another store on the same files, as after a crash
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#sessions", DataTable)
        await until(pilot, lambda: table.row_count == 1)
        assert table.get_row_at(0)[-2:] == [1, 7]


async def test_the_sessions_table_and_the_listing_count_only_the_answers_that_stand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """An answer the facilitator hid and one its participant withdrew are counted neither on the home screen nor
    by ``facilitator sessions``, as in the session's summary."""
    from activities import load
    from facilitator.__main__ import main
    from facilitator.core.i18n import t
    from facilitator.core.workshop import Workshop
    from facilitator.store import Store

    store = Store(tmp_path)
    live = await Workshop(store).open_session(load("bar"), "นับ")
    person = await live.join("token-aaaaaaaaaaaaaaaaaaaa")
    await live.advance()
    given = [await live.answer(person.id, 0, f"คำตอบ {i}", f"client-{i:04d}") for i in range(4)]
    await live.set_hidden(given[0].id, True)        # an abusive answer, hidden by the facilitator
    await live.withdraw(person.id, given[1].id)     # taken back by its participant
    assert live.summaries()[0]["answers"] == 2
    app = make_app(tmp_path, activity=None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#sessions", DataTable)
        await until(pilot, lambda: table.row_count == 1)
        assert table.get_row_at(0)[-2:] == [1, 2]

    assert main(["sessions", "--data-dir", str(tmp_path), "--lang", "en"]) == 0
    listed = capsys.readouterr().out
    assert t("cli_answer_count", "en", n=2) in listed and t("cli_answer_count", "en", n=4) not in listed


async def test_d_moves_a_closed_session_to_the_trash_after_asking(tmp_path: Path) -> None:
    from activities import load
    from facilitator.tui.screens.confirm import ConfirmScreen
    from tests.support import screen_text

    app = make_app(tmp_path, activity=None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert "ลบ" in screen_text(app)  # the footer shows the key
        closed = await app.start_session(load("bar"), "ปิดแล้ว")
        await pilot.press("c", "y")
        await until(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
        app.pop_screen()
        table = await focus_sessions(pilot, app, 1)

        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert question(app).startswith("ย้ายกิจกรรม “ปิดแล้ว” ไปถังขยะ?")
        await pilot.press("n")  # no: nothing moves
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.store.trashed() == []

        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and table.row_count == 0)
        assert [item.id for item in app.store.trashed()] == [closed.session.id]
        assert any(n.title == "ย้ายไปถังขยะแล้ว" for n in app._notifications)


async def test_d_refuses_a_session_that_is_not_closed(tmp_path: Path) -> None:
    from activities import load

    app = make_app(tmp_path, activity=None, lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await app.start_session(load("bar"), "live")
        await pilot.press("escape")  # back home; the session is still served
        table = await focus_sessions(pilot, app, 1)
        await pilot.press("d")
        await until(pilot, lambda: any("not closed" in str(n.message) for n in app._notifications))
        assert isinstance(app.screen, HomeScreen) and app.store.trashed() == [] and table.row_count == 1


async def test_d_on_a_partnership_moves_it_with_its_sessions(tmp_path: Path) -> None:
    from activities import load
    from facilitator.tui.screens.confirm import ConfirmScreen

    app = make_app(tmp_path, activity=None, lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        partnership = app.store.create_partnership("ภาคีตำบลท่าข้าม")
        await app.start_session(load("bar"), "BAR", partnership.id)
        await pilot.press("c", "y")
        await until(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
        app.pop_screen()
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        options = app.screen.query_one("#partnerships", OptionList)
        table = app.screen.query_one("#sessions", DataTable)
        await until(pilot, lambda: options.option_count == 2 and table.has_focus)
        await pilot.press("shift+tab")  # from the sessions to the partnerships, as a facilitator would
        await until(pilot, lambda: options.has_focus)
        options.highlighted = 1
        await until(pilot, lambda: table.row_count == 1)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert question(app).startswith("Move the partnership “ภาคีตำบลท่าข้าม” to the trash, with its sessions (1)?")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and options.option_count == 1)
        assert app.store.sessions() == [] and [i.kind for i in app.store.trashed()] == ["partnership"]


async def test_the_app_opens_on_a_restored_catalog(tmp_path: Path) -> None:
    from facilitator.store import CorruptDatabase, Store
    from facilitator.store.catalog import CATALOG_NAME
    from facilitator.store.repair import restore_last_good
    from tests.unit.test_trash import closed_session

    store = Store(tmp_path)
    await closed_session(store, "กู้คืน")
    await store.close()
    (tmp_path / CATALOG_NAME).write_bytes(b"\x00\x00")
    with pytest.raises(CorruptDatabase):
        make_app(tmp_path, activity=None)
    assert [r.restored for r in restore_last_good(tmp_path)] == [True]
    app = make_app(tmp_path, activity=None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#sessions", DataTable)
        await until(pilot, lambda: table.row_count == 1)
        assert str(table.get_row_at(0)[1]) == "กู้คืน" and table.get_row_at(0)[-1] == 2


async def test_sessions_are_listed_by_the_day_their_meeting_was_held_and_an_aar_follows_the_bar_held_last(
        tmp_path: Path) -> None:
    from activities import load
    from facilitator.core.model import SessionDetails
    from facilitator.core.workshop import Workshop
    from facilitator.store import Store

    store = Store(tmp_path)
    workshop = Workshop(store)
    ids = {}
    for activity, title, held_at in (("bar", "BAR กันยา", "2026-09-10"), ("bar", "BAR สิงหา", "2026-08-05"),
                                     ("health", "ประชุมวันนี้", "")):
        live = await workshop.open_session(load(activity), title, details=SessionDetails(held_at=held_at))
        await workshop.close_session(live)
        ids[title] = live.session.id
    await store.close()
    app = make_app(tmp_path, activity=None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#sessions", DataTable)
        await until(pilot, lambda: table.row_count == 3)
        rows = [table.get_row_at(i) for i in range(3)]
        assert [str(row[1]) for row in rows] == ["ประชุมวันนี้", "BAR กันยา", "BAR สิงหา"]  # typed in: newest first
        assert [str(row[0]) for row in rows[1:]] == ["10 ก.ย. 2569", "5 ส.ค. 2569"]

        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NewSessionScreen))
        app.screen.query_one("#activity", Select).value = "aar"
        follows = app.screen.query_one("#follows", Select)
        await until(pilot, lambda: follows.value == ids["BAR กันยา"])  # not BAR สิงหา, typed in after it
