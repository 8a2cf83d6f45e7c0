"""`hfs-kb check FILE`: every sentence of an article with the pack's verdict on it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..cli_base import CliError, chosen, open_library
from .matcher import THRESHOLD

if TYPE_CHECKING:
    from ..learning import ArticleCheck

def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
                 pack_option: argparse.ArgumentParser) -> None:
    sub = subparsers.add_parser(
        "check", parents=[pack_option], help="check an article against the pack's claims",
        description=(
            "Split a plain-text or HTML article into sentences (a list item keeps its "
            "lead-in) and match each to the closest claim of the pack. A sentence matches "
            f"a claim when its score (0 to 1) is at least {THRESHOLD}; below that it has "
            "no matching claim. A sentence that denies or debunks a claim is marked "
            "negated and judged as stating the opposite, never as agreeing. Exit codes: 0 "
            "checked, 1 unreadable, binary or empty file, 2 usage error."))
    sub.add_argument("file", type=Path, metavar="FILE",
                     help="the article: plain text or HTML, UTF-8 ('-' for stdin)")
    sub.add_argument("--json", action="store_true",
                     help="print a JSON list, one object per sentence: sentence, claim (id "
                          "or null; qualified, PACK/ID), verdict (or null), negated, score "
                          "(0 to 1; a match "
                          f"from {THRESHOLD}), and more; a sentence that makes several "
                          "claims lists the others in further_claims, each with the "
                          "same keys")
    sub.add_argument("--html", type=Path, metavar="OUT",
                     help="also write a printable HTML report to OUT")
    sub.add_argument("--in", dest="only", metavar="PACK_ID",
                     help="judge by this open pack's claims (default: the first with claims)")
    sub.set_defaults(func=cmd_check)


def read_article(path: Path) -> str:
    """The text of an article file ('-': stdin); CliError naming the file when it cannot be
    checked (the checks themselves are `learning.decode_article`'s)."""
    from ..learning import MAX_ARTICLE_BYTES, ArticleUnreadable, decode_article

    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        elif path.is_dir():
            raise CliError(f"{path} is a folder, not a file")
        else:
            with path.open("rb") as handle:
                data = handle.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = decode_article(data, str(path))
    except ArticleUnreadable as exc:
        raise CliError(str(exc)) from None
    if not text.strip():
        raise CliError(f"{path} is empty: nothing to check")
    return text


def check_text(args: argparse.Namespace, text: str) -> ArticleCheck:
    """The article checked by the Library: against ``--in PACK_ID``'s claims, else the first
    open pack's that has claims."""
    from ..library import LibraryError

    library = open_library(args)
    pack = chosen(library, args)[0].id if args.only else None
    try:
        return library.check_article(text, pack)
    except LibraryError as exc:
        raise CliError(str(exc)) from None


def cmd_check(args: argparse.Namespace) -> int:
    text = read_article(args.file)
    checked = check_text(args, text)
    if args.html is not None:
        try:
            args.html.write_text(checked.html(f"Article check: {args.file.name}", links=False),
                                 encoding="utf-8")
        except OSError as exc:
            raise CliError(f"cannot write {args.html}: {exc.strerror or exc}") from None
        print(f"wrote {args.html}", file=sys.stderr)
    if args.json:
        print(json.dumps(checked.to_plain(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(checked.text())
    return 0
