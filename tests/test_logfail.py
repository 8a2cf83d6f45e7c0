"""The suite's own guard: a test during which an error is logged fails (qutebrowser's logfail)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ("pytester",)

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    shutil.copy(TESTS / "conftest.py", pytester.path / "conftest.py")
    ini = (TESTS.parent / "pytest.ini").read_text(encoding="utf-8")
    (pytester.path / "pytest.ini").write_text(ini.replace("testpaths = tests\n", ""),
                                              encoding="utf-8")
    return pytester


def test_a_logged_error_fails_the_test(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_planted="""
        import logging

        def test_swallows_an_exception():
            try:
                raise ValueError("planted")
            except ValueError:
                logging.getLogger("hfs").exception("search failed")
    """)
    result = suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)  # the test body passed; its teardown fails
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*an error was logged during the test: hfs: search failed*"])


def test_an_expected_error_can_be_marked(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_expected="""
        import logging
        import pytest

        @pytest.mark.error_logged
        def test_logs_on_purpose():
            logging.getLogger("hfs").error("expected")

        def test_warnings_are_fine():
            logging.getLogger("hfs").warning("only a warning")
    """)
    suite.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
