"""pytest plugin: fail every test whose code path attempts a forbidden launch.

Registered through the `pytest11` entry point and off unless asked for:

- `pytest --frontier-guard` (or `frontier_guard = true` in the ini section) guards the session;
- `@pytest.mark.frontier_guard` (optionally `(scope="all", mode="record")`) or the
  `frontier_guard` fixture guards single tests.

A test fails with the program, the argv and the launching line even when it catches the
`ForbiddenLaunchError`; the terminal summary lists every attempt. When off, the plugin adds its
options and one look at the collected items, nothing per test; `frontier_lint.runtime` is not even
imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Generator

    from frontier_lint.runtime import Guard, LaunchAttempt

PLUGIN_NAME = "frontier-guard"
MARKER = "frontier_guard"
SECTION = "frontier-lint runtime guard"
_ITEM_GUARDS = pytest.StashKey["list[Guard]"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("frontier-lint", "frontier-lint runtime guard")
    group.addoption(
        "--frontier-guard",
        action="store_true",
        default=False,
        help="fail tests whose code path attempts to launch a forbidden program",
    )
    group.addoption(
        "--frontier-guard-scope",
        choices=("project", "all"),
        default=None,
        help="project: launches asked for by frontier-runtime code (default); all: every launch",
    )
    group.addoption(
        "--frontier-guard-mode",
        choices=("raise", "record"),
        default=None,
        help="raise: block the launch and fail the test (default); record: let it run, report it",
    )
    group.addoption(
        "--frontier-guard-config",
        default=None,
        metavar="FILE",
        help="frontier-lint configuration (default: discovered from the rootdir)",
    )
    parser.addini("frontier_guard", type="bool", default=False, help="enable --frontier-guard")
    parser.addini("frontier_guard_scope", default="project", help="project or all")
    parser.addini("frontier_guard_mode", default="raise", help="raise or record")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(scope='project', mode='raise'): fail the test if its code path attempts to "
        "launch a forbidden program (frontier-lint runtime guard)",
    )
    if config.getoption("frontier_guard") or config.getini("frontier_guard"):
        config.pluginmanager.register(GuardPlugin(config, session_wide=True), PLUGIN_NAME)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Off for the session: activate per test only if some test asks for it.
    if config.pluginmanager.has_plugin(PLUGIN_NAME):
        return
    for item in items:
        if item.get_closest_marker(MARKER) is not None or MARKER in getattr(
            item, "fixturenames", ()
        ):
            config.pluginmanager.register(GuardPlugin(config, session_wide=False), PLUGIN_NAME)
            return


@pytest.fixture
def frontier_guard(request: pytest.FixtureRequest) -> Guard:
    """The runtime guard watching this test (activates it for this test if it is off)."""
    guards = request.node.stash.get(_ITEM_GUARDS, None)
    if guards:
        return guards[0]
    plugin = request.config.pluginmanager.get_plugin(PLUGIN_NAME)
    if plugin is not None and plugin.session_guard is not None:
        return plugin.session_guard  # type: ignore[no-any-return]
    raise pytest.UsageError("frontier_guard: the runtime guard is not active")  # unreachable


class GuardPlugin:
    """The active part: installs guards and turns their attempts into test failures."""

    def __init__(self, config: pytest.Config, *, session_wide: bool) -> None:
        self.config = config
        self.session_wide = session_wide
        self.mode = config.getoption("frontier_guard_mode") or config.getini("frontier_guard_mode")
        self.scope = config.getoption("frontier_guard_scope") or config.getini(
            "frontier_guard_scope"
        )
        self.session_guard: Guard | None = None
        self.reports: list[tuple[str, LaunchAttempt]] = []  # (test id or "<session>", attempt)
        self._seen: set[tuple[int, int]] = set()
        self._marks: dict[str, int] = {}  # guard token -> attempts already looked at
        self._session_guards: list[Guard] = []
        self._guard_config: Any = None
        if session_wide:
            self._load_config()  # a bad configuration is a usage error, reported at once

    # -- guards -------------------------------------------------------------------------------
    def _load_config(self) -> Any:
        if self._guard_config is None:
            from frontier_lint.config import ConfigError, load_config

            explicit = self.config.getoption("frontier_guard_config")
            try:
                self._guard_config = load_config(
                    self.config.rootpath / explicit if explicit else None,
                    self.config.rootpath,
                )
            except ConfigError as exc:
                raise pytest.UsageError(f"frontier-lint: {exc}") from None
        return self._guard_config

    def _install(self, mode: str, scope: str) -> Guard:
        from frontier_lint import runtime
        from frontier_lint.rules import RulePackError

        if mode not in runtime.MODES or scope not in runtime.SCOPES:
            raise pytest.UsageError(
                f"frontier-lint: guard mode must be raise|record and scope project|all, "
                f"got mode={mode!r} scope={scope!r}"
            )
        try:
            return runtime.install(self._load_config(), mode=mode, scope=scope)
        except RulePackError as exc:
            raise pytest.UsageError(f"frontier-lint: {exc}") from None

    def _new_attempts(self, guards: list[Guard]) -> list[LaunchAttempt]:
        """Attempts the guards saw since the last look (one launch seen twice counts once)."""
        out: list[LaunchAttempt] = []
        for g in guards:
            seen = self._marks.get(g.token, 0)
            if g.count() <= seen:
                continue  # the common case, kept cheap: it runs three times per test
            new = g.attempts(since=seen)
            self._marks[g.token] = seen + len(new)
            for attempt in new:
                if attempt.key not in self._seen:
                    self._seen.add(attempt.key)
                    out.append(attempt)
        return out

    def _guards_for(self, item: pytest.Item) -> list[Guard]:
        own = item.stash.get(_ITEM_GUARDS, None)
        if not own:
            return self._session_guards
        return own + [g for g in self._session_guards if g not in own]

    # -- hooks --------------------------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if self.session_wide and self.session_guard is None:
            self.session_guard = self._install(self.mode, self.scope)
            self._session_guards = [self.session_guard]

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        # Before the fixtures: a fixture's launch is the test's too.
        self._attribute("<session>", self._guards_for(item))  # anything between tests
        marker = item.get_closest_marker(MARKER)
        kwargs = dict(marker.kwargs) if marker is not None else {}
        wants = marker is not None or MARKER in getattr(item, "fixturenames", ())
        # A test that asks for the guard gets one of its own unless the session guard already
        # has the settings it asks for (installing equal settings returns the same guard).
        if wants and (kwargs or self.session_guard is None):
            mode = kwargs.get("mode", self.mode)
            scope = kwargs.get("scope", self.scope)
            item.stash[_ITEM_GUARDS] = [self._install(mode, scope)]

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        try:
            new = self._new_attempts(self._guards_for(item))
            if new:
                self._fail(report, new)
                self.reports.extend((item.nodeid, a) for a in new)
        finally:
            if call.when == "teardown":
                for g in item.stash.get(_ITEM_GUARDS, []):
                    g.close()
                item.stash[_ITEM_GUARDS] = []
        return report

    def _fail(self, report: pytest.TestReport, attempts: list[LaunchAttempt]) -> None:
        blocked = [a for a in attempts if a.blocked]
        text = "\n".join(a.describe() for a in attempts)
        if not blocked:
            report.sections.append((SECTION, text))  # record mode: reported, not failed
            return
        if report.passed:
            report.outcome = "failed"
            report.longrepr = f"{SECTION}: forbidden launch attempted\n{text}"
        else:
            report.sections.append((SECTION, text))

    def _attribute(self, where: str, guards: list[Guard]) -> None:
        self.reports.extend((where, a) for a in self._new_attempts(guards))

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        guards = [self.session_guard] if self.session_guard is not None else []
        before = len(self.reports)
        self._attribute("<session>", guards)
        outside = [a for _, a in self.reports[before:] if a.blocked]
        if outside and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        self._close_session_guard()

    def pytest_unconfigure(self) -> None:
        self._close_session_guard()

    def _close_session_guard(self) -> None:
        if self.session_guard is not None:
            self.session_guard.close()
            self.session_guard = None
            self._session_guards = []

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.reports and not self.session_wide:
            return
        terminalreporter.section(SECTION)
        if not self.reports:
            terminalreporter.line("no forbidden launch attempted")
            return
        blocked = sum(1 for _, a in self.reports if a.blocked)
        terminalreporter.line(
            f"{len(self.reports)} forbidden launch attempt(s), {blocked} blocked:", red=True
        )
        for where, attempt in self.reports:
            terminalreporter.line(f"{where}: {attempt.describe()}")
