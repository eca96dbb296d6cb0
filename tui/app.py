"""The copydesk App: global bindings, the first screen, and the process entry point."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from analyzers import DEFAULT_MAX_BYTES
from analyzers.model import Analysis, Document
from analyzers.settings import settings
from analyzers.store.desk import Desk
from tui.context import Context
from tui.restricted import Policy

if TYPE_CHECKING:  # both are imported when first used, after the first paint
    from textual.app import SystemCommand
    from textual.driver import Driver
    from textual.notifications import SeverityLevel

    from tui.services.analysis import AnalysisService


def _reader_commands() -> type:
    from tui.commands import ScreenCommands  # textual.command costs start-up time; load on ctrl+p

    return ScreenCommands


class CopydeskApp(App[int]):
    TITLE = "copydesk"
    COMMANDS: ClassVar = App.COMMANDS | {_reader_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+p", "command_palette", "commands", show=False),
        Binding("t", "next_theme", "next theme", show=False),
    ]
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, paths: list[str] | None = None, *, document: Document | None = None,
                 model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 analysis: Analysis | None = None, service: AnalysisService | None = None,
                 policy: Policy | None = None, theme: str | None = None,
                 library_files: list[str] | None = None, files_label: str = "Samples") -> None:
        super().__init__()
        self.library_files = library_files  # set: the library is the first screen
        self.files_label = files_label
        self.policy = policy or Policy()
        self.context = Context(self.policy, Desk(read_only=self.policy.restricted), self.analysis_service,
                               self.open_where_else, self.open_versions)
        # Animations cost bytes and latency over SSH and add nothing to reading.
        self.animation_level = settings().animations  # type: ignore[assignment]
        self.paths = paths or []
        self.document = document
        self.model = model
        self.max_bytes = max_bytes
        self.fixed_analysis = analysis
        self._service = service
        self._owns_service = False
        self._theme_errors: list[str] = []
        self.theme_names: list[str] = []
        self._register_themes(theme)  # before mount: setting a theme later restyles every widget

    def get_driver_class(self) -> type[Driver]:
        """Textual's terminal driver sends styles whole for every segment; ours sends what
        changes (a third fewer bytes per page over SSH). Served and Windows drivers are kept."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver" and driver.__module__ == "textual.drivers.linux_driver" \
                and settings().style_diff:
            from tui.driver import TerseDriver

            return TerseDriver
        return driver

    def analysis_service(self) -> AnalysisService:
        """The child process that analyses articles; started at most once."""
        if self._service is None:
            from tui.services.analysis import AnalysisService

            self._service = AnalysisService(self.model)
            self._owns_service = True
        return self._service

    def on_unmount(self) -> None:
        if self._service is not None and self._owns_service:
            self._service.close()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification quotes something untrusted sooner or later (a file name, an error
        from the OS): it goes through the one sanitising step and is never markup."""
        from analyzers.ingest.sanitize import display

        super().notify(display(message, one_line=False), title=display(title), severity=severity,
                       timeout=timeout, markup=False)

    # -- restricted mode: nothing that reaches the host -----------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                if self.policy.restricted:
                    continue
                # Textual's own saves to ~/Downloads (failing where it does not exist)
                command = command._replace(help="Save an SVG of the screen in copydesk's data folder",
                                           callback=lambda: self.set_timer(0.1, self.action_screenshot))
            yield command

    def _refuse(self, what: str) -> None:
        self.notify(f"restricted mode: {what} is disabled", severity="warning", markup=False)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Saved to the data directory's screenshots/ (a chosen path is never taken: the palette
        offers none, and ~/Downloads may not exist), and the notice says where."""
        if self.policy.restricted:
            self._refuse("saving screenshots")
            return
        from analyzers.store.paths import screenshots_dir

        folder = screenshots_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            saved = self.save_screenshot(filename, str(folder))
        except OSError as exc:
            self.notify(f"screenshot not saved: {exc.strerror or exc}", severity="error")
            return
        self.notify(f"screenshot saved to {saved}", timeout=8)

    def action_suspend_process(self) -> None:
        if self.policy.restricted:
            self._refuse("suspending to the shell")
            return
        super().action_suspend_process()

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        # Article links are shown, never opened; this guards anything else that would try.
        self.notify("copydesk does not open links; the target is shown under the paragraph",
                    severity="warning", markup=False)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from themes import ANNOTATIONS

        return dict(ANNOTATIONS)  # so Textual's own themes work with the article styles too

    def _register_themes(self, wanted: str | None) -> None:
        """Our themes, then the user's; pick --theme / COPYDESK_THEME / config / the default."""
        from themes import DEFAULT_THEME, ThemeError, bundled_themes, default_theme, user_themes
        from tui.config import load_config, user_theme_dir

        loaded = []
        try:
            loaded = bundled_themes()
        except ThemeError as exc:
            self._theme_errors.append(f"theme not loaded: {exc}")
        users, errors = user_themes(user_theme_dir())
        self._theme_errors += [f"theme not loaded: {e}" for e in errors]
        for t in [*loaded, *users]:
            self.register_theme(t.theme)
            if t.theme.name not in self.theme_names:
                self.theme_names.append(t.theme.name)
        config, problem = load_config()
        if problem:
            self._theme_errors.append(problem)
        choice = wanted or settings().theme or config.get("theme") or default_theme(dict(os.environ))
        if choice not in self.available_themes:
            fallback = default_theme(dict(os.environ))
            fallback = fallback if fallback in self.available_themes else DEFAULT_THEME
            self._theme_errors.append(f"theme {str(choice)[:40]!r} not found; using {fallback}")
            choice = fallback
        if self.no_color and choice == "ansi":
            # Textual greys colours out under NO_COLOR; the terminal's own colours have no known
            # value to grey, so fg and bg would both turn black. A true-colour theme greys well.
            choice = DEFAULT_THEME
            self.theme_names = [n for n in self.theme_names if n != "ansi"]
        if choice in self.available_themes:
            self.theme = choice

    def action_next_theme(self) -> None:
        names = self.theme_names or [self.theme]
        i = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(i + 1) % len(names)]

    def _theme_changed(self, theme: object) -> None:
        """Remember the reader's choice (t, or the palette's Theme command) for next time."""
        from tui.config import save_config

        name = getattr(theme, "name", None)
        if isinstance(name, str):
            try:
                save_config({"theme": name})
            except OSError as exc:
                self.notify(f"theme not saved: {exc.strerror or exc}", severity="warning", markup=False)
        self.notify(f"theme: {name}", timeout=2, markup=False)

    def get_default_screen(self) -> Screen:
        """The first screen itself (not pushed over Textual's blank default): one screen to
        compose and paint before the article appears."""
        if self.document is not None:
            from tui.screens.reader import ReaderScreen

            return ReaderScreen(self.document, self.model, analysis=self.fixed_analysis)
        if self.library_files is not None:
            from tui.screens.library import LibraryScreen

            return LibraryScreen(self.library_files, self.files_label, self.model, self.max_bytes)
        from tui.screens.article_list import ArticleListScreen

        return ArticleListScreen(self.paths, self.model, self.max_bytes)

    # The reader opens the library's screens through the app: they open readers in turn, and a
    # screen module never imports one that imports it back.
    def open_where_else(self, name: str, kind: str, model: str | None, exclude_url: str | None) -> None:
        from tui.screens.where_else import WhereElseScreen

        self.push_screen(WhereElseScreen(name, kind, model=model, exclude_url=exclude_url))

    def open_versions(self, document: Document, model: str | None) -> None:
        from tui.screens.versions import VersionsScreen

        self.push_screen(VersionsScreen(document, model))

    def on_mount(self) -> None:
        self.call_after_refresh(_collect_again)
        for problem in self._theme_errors:
            self.notify(problem, severity="warning", markup=False, timeout=8)
        self.theme_changed_signal.subscribe(self, self._theme_changed)


def _collect_again() -> None:
    """After the first frame: the command line turned the collector off for start-up."""
    gc.enable()


def _reattach_tty() -> None:
    """After reading an article from a pipe, take keyboard input from the terminal."""
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return
    os.dup2(fd, 0)
    os.close(fd)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - fd 0 stays open for the process


def run_app(paths: list[str], *, document: Document | None = None, analysis: Analysis | None = None,
            model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, service: AnalysisService | None = None,
            policy: Policy | None = None, theme: str | None = None, from_stdin: bool = False,
            library_files: list[str] | None = None, files_label: str = "Samples") -> int:
    """Run the reader: on ``document`` (with its ``analysis`` when it is already known), or on
    the list of ``paths``."""
    if from_stdin:
        _reattach_tty()
    app = CopydeskApp(paths, document=document, analysis=analysis, model=model, max_bytes=max_bytes,
                      service=service, policy=policy, theme=theme, library_files=library_files,
                      files_label=files_label)
    app.run()
    return app.return_code or 0
