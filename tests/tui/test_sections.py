"""The section registry (tui/sections.py) is the one place a sidebar tab is declared: the tabs,
the number keys, the jump keys and the review kinds all come from it; and every key of every
screen has a method to run it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from rich.style import Style
from rich.text import Text
from textual.actions import parse
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Tab

import tui.actions
import tui.screens
from analyzers.model import Analysis, Claim
from analyzers.store.review.marks import KIND_OF_SECTION, KINDS, ItemKind
from tui.actions import Action, jump_actions, reader_actions, section_actions
from tui.app import CopydeskApp
from tui.sections import SECTIONS, Jump, Section, jumps
from tui.widgets.section_list import FilteredSectionList, SectionList
from tui.widgets.section_rows import Context, Item, Row
from tui.widgets.sidebar import Sidebar


def _screens_with_actions() -> list[type[Screen]]:
    found: dict[str, type[Screen]] = {}
    for info in pkgutil.iter_modules(tui.screens.__path__, "tui.screens."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and getattr(cls, "ACTIONS", None) is not None:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def test_every_action_resolves_to_a_method():
    """A new Action with nothing to run it fails here, not when someone presses the key."""
    screens = _screens_with_actions()
    assert screens
    used: set[int] = set()
    for screen in screens:
        used.add(id(screen.ACTIONS))
        for a in screen.ACTIONS:
            namespace, name, params = parse(a.action)
            owner = CopydeskApp if namespace == "app" else screen
            assert namespace in ("", "app"), (screen.__name__, a.action)
            method = getattr(owner, f"action_{name}", None)
            assert callable(method), f"{screen.__name__}: {a.keys} -> {a.action} has no action_{name}"
            try:
                inspect.signature(method).bind(None, *params)  # (self, *params)
            except TypeError as exc:
                raise AssertionError(f"{screen.__name__}: {a.action} does not fit action_{name}: {exc}") from None
    tables = [v for k, v in vars(tui.actions).items() if k.isupper() and not k.startswith("_") and isinstance(v, tuple)
              and v and all(isinstance(a, Action) for a in v)]
    assert tables and all(id(t) in used for t in tables), "an Action table no screen uses"


def test_section_and_jump_keys_name_registered_sections():
    names = {s.name for s in SECTIONS}
    for a in reader_actions():
        _, name, params = parse(a.action)
        if name in ("section", "jump") and params[0] not in ("mentions", "matches"):
            assert params[0] in names, a.action
    keys = [s.key for s in SECTIONS]
    assert len(set(keys)) == len(keys) and len({s.name for s in SECTIONS}) == len(SECTIONS)


def test_review_kinds_come_from_the_registry_and_the_store_agrees():
    """Each reviewable kind is one section's, and that section is the kind's own: the store,
    the session and the exports take the kinds from marks.ItemKind."""
    reviewed = {s.review_kind: s.name for s in SECTIONS if s.review_kind is not None}
    assert set(reviewed) == set(ItemKind)
    assert all(kind.section == name for kind, name in reviewed.items())
    assert {k: v for k, v in KIND_OF_SECTION.items()} == {name: kind.value for kind, name in reviewed.items()}
    assert set(KINDS) == {k.value for k in reviewed}


def test_jump_titles_come_from_the_registry():
    from tui.screens.reader_jumps import SECTION_JUMPS, TITLES

    assert set(SECTION_JUMPS) == {s.name for s in SECTIONS if s.jump is not None}
    for s in jumps():
        assert s.jump is not None and TITLES[s.name] == s.jump.word.capitalize()


# -- a section that is not there: it shows up everywhere the registry reaches ---------------------

def _note_rows(c: Context) -> list[Row]:
    return [(Text("Notes", style=c.look.heading), None)] + [
        (Text(f"note on {x.text}"), Item(c.section, x.id, ((x.start, x.end),))) for x in c.analysis.claims]


FAKE = Section("notes", "Notes", "5", _note_rows, items=lambda a: a.claims,
               jump=Jump("note", "greater_than_sign", "less_than_sign", bar=9))
WITH_FAKE = (*SECTIONS, FAKE)
ANALYSIS = Analysis(model={}, claims=(Claim("c0", 0, 5, "Alpha", 0.9, ()), Claim("c1", 10, 14, "Beta", 0.5, ())))


def test_a_new_section_gets_its_number_key_and_jump_keys():
    actions = {a.action: a for a in reader_actions(WITH_FAKE)}
    assert actions["section('notes')"].keys == "5"
    assert actions["section('notes')"].palette == "Show notes"
    assert actions["jump('notes', 1)"].keys == "greater_than_sign"
    assert actions["jump('notes', -1)"].description == "previous note"
    assert section_actions(WITH_FAKE)[-1].action == "section('notes')"
    assert jump_actions(WITH_FAKE)[-2].action == "jump('notes', 1)"  # bar 9: after claims and quotes
    assert FAKE.located(ANALYSIS) == [(0, 5, "c0"), (10, 14, "c1")]
    assert jumps(WITH_FAKE)[-1] is FAKE


def test_the_registry_reader_keys_are_what_it_says():
    """The derived keys are the ones the README documents: 1-4, ] [ for claims, } { for quotes."""
    assert [a.keys for a in section_actions()] == ["1", "2", "3", "4"]
    assert [a.action for a in jump_actions()] == ["jump('claims', 1)", "jump('claims', -1)",
                                                  "jump('quotes', 1)", "jump('quotes', -1)"]


class _SidebarApp(App[None]):
    CSS = ""

    def __init__(self, sections: tuple[Section, ...] = SECTIONS) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        yield Sidebar(sections=self.sections)


async def test_a_new_section_gets_its_tab_and_list():
    app = _SidebarApp(WITH_FAKE)
    async with app.run_test(size=(60, 20)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.update_analysis(ANALYSIS)
        sidebar.show("notes")
        await pilot.pause()
        lst = sidebar.section("notes")
        assert type(lst) is SectionList
        assert [item.ref for item in lst.items if item is not None] == ["c0", "c1"]
        assert lst.items[1] == Item("notes", "c0", ((0, 5),))
        assert "5 Notes" in [str(tab.label) for tab in app.query(Tab)]
        assert isinstance(sidebar.section("claims"), FilteredSectionList)


class _RestyledApp(_SidebarApp):
    CSS = "Sidebar > .sidebar--heading { text-style: italic; color: $primary; }"


async def test_a_stylesheet_restyles_the_rows_and_a_new_theme_rebuilds_them():
    app = _RestyledApp((*SECTIONS, FAKE))
    async with app.run_test(size=(60, 20)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.update_analysis(ANALYSIS)
        sidebar.show("notes")
        await pilot.pause()

        def heading_style() -> Style:
            prompt = sidebar.section("notes").prompts[0]
            return prompt.get_style_at_offset(app.console, 0)

        before = heading_style()
        assert before.italic and not before.underline and before.color is not None
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        await pilot.pause()
        after = heading_style()
        assert after.italic and after.color is not None and after.color != before.color


@pytest.mark.parametrize("name", [s.name for s in SECTIONS])
def test_every_registered_builder_runs_on_an_empty_analysis(name):
    s = next(x for x in SECTIONS if x.name == name)
    assert isinstance(s.rows(Context(Analysis(model={}), section=name)), list)
