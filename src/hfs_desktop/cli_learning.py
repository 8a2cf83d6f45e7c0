"""`hfs-kb differential` and `hfs-kb quiz`: the learning tools of issue 12 on the command line.

Registered by `cli.build_parser` through `add_commands`; the medical work is done by
`differential.py` and `quiz.py`, reached through the `Library` (ids qualified, ``PACK/ID``);
this module only reads arguments and prints.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from .cli_base import CliError, open_library
from .cli_base import chosen as chosen_packs
from .differential import DifferentialResult, UnknownFeature
from .library import Library, LibraryError
from .pack.citations import CITATION, split_keys
from .quiz import Question

KINDS = ("first-line", "unproven", "most-often", "red-flag", "sign-vs", "claim-contradicted",
         "claim-supported")


def add_commands(commands: Any, pack_option: argparse.ArgumentParser) -> None:
    sub = commands.add_parser(
        "differential", parents=[pack_option],
        help="rank hemifacial spasm and its mimics for the findings given (a learning aid)",
        description="Rank hemifacial spasm and its mimics by the findings given: each condition "
                    "with the findings for and against it, their sources or the mark 'expert "
                    "opinion'. Score = findings for minus findings against; the count of "
                    "sourced links breaks ties; equal pairs share a rank. A learning aid, not "
                    "a diagnosis.")
    what = sub.add_mutually_exclusive_group(required=True)
    what.add_argument("--list-features", action="store_true",
                      help="list the findings that can be given (id, name)")
    what.add_argument("--feature", metavar="ID", nargs="+", action="extend",
                      help="a finding observed (repeatable; see --list-features)")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.add_argument("--in", dest="only", metavar="PACK_ID",
                     help="use this open pack's table (default: the first open pack with one)")
    sub.set_defaults(func=cmd_differential)

    sub = commands.add_parser(
        "quiz", parents=[pack_option], help="self-test questions generated from the pack",
        description="Self-test questions generated from the pack; each has exactly one right "
                    "option, an explanation with its sources and the pages to read. Disputed "
                    "facts are left out.")
    sub.add_argument("--json", action="store_true",
                     help="print the questions, options, answer, pages and sources as JSON")
    sub.add_argument("--kind", choices=KINDS, action="append", help="only this kind "
                     "(repeatable)")
    sub.add_argument("--ask", action="store_true",
                     help="ask each question on the terminal and keep score")
    sub.add_argument("--record", metavar="FILE", type=Path,
                     help="with --ask: keep the score and missed questions in this file")
    sub.add_argument("--in", dest="only", metavar="PACK_ID",
                     help="ask about this open pack (default: the first open pack with questions)")
    sub.set_defaults(func=cmd_quiz)


# -- helpers ---------------------------------------------------------------------------------


def _library(args: argparse.Namespace) -> tuple[Library, str | None]:
    """The open packs and the one ``--in PACK_ID`` names (None: the Library chooses the
    first open pack that has what the tool needs)."""
    library = open_library(args)
    only = chosen_packs(library, args)[0].id if args.only else None
    return library, only


def plain(text: str) -> str:
    """Citation markup as plain brackets: "x [@a; @b]" -> "x [a; b]"."""
    text = CITATION.sub(lambda m: "[" + "; ".join(split_keys(m.group(1))) + "]", text)
    return re.sub(r"\s+", " ", text).strip()


# -- differential ----------------------------------------------------------------------------


def cmd_differential(args: argparse.Namespace) -> int:
    library, only = _library(args)
    try:
        if args.list_features:
            features = library.differential_features(only)
        else:
            result = library.differential(args.feature, only)
    except LibraryError as exc:
        raise CliError(str(exc)) from None
    except UnknownFeature as exc:
        raise CliError(str(exc)) from None
    if args.list_features:
        if args.json:
            print(json.dumps([{"id": f.id, "name": f.name, "red_flag": f.red_flag,
                               "kind": f.kind} for f in features], indent=2,
                             ensure_ascii=False))
        else:
            for f in features:
                print(f"{library.show_id(f.id)}\t{f.name}"
                      + ("\t[red flag]" if f.red_flag else ""))
        return 0
    if args.json:
        print(json.dumps(result.to_plain(), indent=2, ensure_ascii=False))
    else:
        print_result(library, result, sys.stdout)
    return 0


def print_result(library: Library, result: DifferentialResult, out: TextIO) -> None:
    for notice in result.notices:
        title = "RED FLAG" if notice.kind == "red-flag" else "Note"
        print(f"{title}: {plain(notice.text)}", file=out)
    names = [library.name(f) or f for f in result.ticked]
    print(f"Findings: {'; '.join(names) or 'none'}", file=out)
    for feature_id, note in result.feature_notes:
        print(f"  {library.name(feature_id)}: {plain(note)}", file=out)
    if not result.conditions:
        print("No condition in the table is linked to these findings.", file=out)
    ranks = [c.rank for c in result.conditions]
    for condition in result.conditions:
        tie = "=" if ranks.count(condition.rank) > 1 else ""
        opinion = "; rests on expert opinion only" if condition.rests_on_opinion else ""
        print(f"\n{condition.rank}{tie}. {condition.name} ({library.show_id(condition.id)})"
              f"  score "
              f"{condition.score:+d}, sourced {condition.sourced_score:+d}{opinion}", file=out)
        for sign, title, links in (("+", "for", condition.for_links),
                                   ("-", "against", condition.against_links)):
            if not links:
                continue
            print(f"   {title}:", file=out)
            for link in links:
                support = (f"sources: {', '.join(map(library.show_id, link.sources))}"
                           if link.sources else "expert opinion")
                print(f"     {sign} {link.feature_name} ({library.show_id(link.feature)}): "
                      f"{plain(link.note)} "
                      f"[{support}]", file=out)


# -- quiz ------------------------------------------------------------------------------------


def cmd_quiz(args: argparse.Namespace) -> int:
    if args.record is not None and not args.ask:
        raise CliError("--record is used with --ask")
    library, only = _library(args)
    try:
        every = library.quiz_questions(only)
    except LibraryError as exc:
        raise CliError(str(exc)) from None
    chosen = [q for q in every if not args.kind or q.kind in args.kind]
    if args.json:
        print(json.dumps([q.to_plain() for q in chosen], indent=2, ensure_ascii=False))
        return 0
    if args.ask:
        return ask(chosen, args.record, sys.stdin, sys.stdout, library.show_id)
    for number, question in enumerate(chosen, start=1):
        print_question(number, question, sys.stdout)
    print("\nAnswers:")
    for number, question in enumerate(chosen, start=1):
        print(f"  {number}. {_letter(question.answer)}) {question.right.label} "
              f"[{', '.join(map(library.show_id, question.sources))}]")
    return 0


def _letter(index: int) -> str:
    return "abcdefgh"[index]


def print_question(number: int, question: Question, out: TextIO) -> None:
    print(f"\n{number}. {question.text}", file=out)
    for index, option in enumerate(question.options):
        print(f"   {_letter(index)}) {option.label}", file=out)


def ask(chosen: list[Question], record_path: Path | None, stdin: TextIO, out: TextIO,
        show_id: Callable[[str], str] = str) -> int:
    """Ask each question; an empty line or end of input stops. Prints the score."""
    from .quizstore import QuizRecord

    record = QuizRecord(record_path) if record_path is not None else None
    right = asked = 0
    for number, question in enumerate(chosen, start=1):
        print_question(number, question, out)
        print("   your answer (letter, empty to stop): ", end="", file=out, flush=True)
        line = stdin.readline().strip().lower()
        if not line:
            break
        asked += 1
        correct = line[:1] == _letter(question.answer)
        right += correct
        verdict = "Right." if correct else f"Wrong: {_letter(question.answer)}) " \
                                           f"{question.right.label}."
        print(f"   {verdict} {plain(question.explanation)}", file=out)
        print(f"   read: {', '.join(map(show_id, question.pages))}", file=out)
        if record is not None:
            problem = record.record(question.id, correct)
            if problem:
                print(f"hfs-kb: {problem}", file=sys.stderr)
                record = None
    print(f"\nScore: {right} of {asked}", file=out)
    return 0
