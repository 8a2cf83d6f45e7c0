"""The user's self-test record: score and missed questions, kept in one small JSON file.

Qt-free; the caller gives the path (the GUI passes a file in the user-data folder, the CLI may
pass none). Every write is atomic (`statefile.write_json`), so a crash leaves the old record or
the new one. A missing or unreadable file is an empty record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .statefile import read_json, write_json

VERSION = 1


@dataclass(frozen=True, slots=True)
class Score:
    answered: int  # questions answered at least once
    right: int  # of those, answered right the last time


class QuizRecord:
    """Answers per question id: how often right and wrong, and whether the last was right."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._answers: dict[str, dict[str, Any]] = {}
        data = read_json(path, {})
        answers = data.get("answers") if isinstance(data, dict) else None
        if isinstance(answers, dict):
            for question_id, entry in answers.items():
                if isinstance(question_id, str) and isinstance(entry, dict):
                    self._answers[question_id] = {
                        "right": _count(entry.get("right")),
                        "wrong": _count(entry.get("wrong")),
                        "last": entry.get("last") is True,
                    }

    def record(self, question_id: str, right: bool) -> str:
        """Note one answer and save; "" on success, else why saving failed."""
        entry = self._answers.setdefault(question_id, {"right": 0, "wrong": 0, "last": False})
        entry["right" if right else "wrong"] += 1
        entry["last"] = right
        return self._save()

    def score(self) -> Score:
        return Score(len(self._answers), sum(1 for e in self._answers.values() if e["last"]))

    def seen(self, question_id: str) -> bool:
        """Whether the question was ever answered."""
        return question_id in self._answers

    def missed(self) -> list[str]:
        """Question ids whose last answer was wrong, in the order first answered."""
        return [qid for qid, entry in self._answers.items() if not entry["last"]]

    def clear(self) -> str:
        """Forget every answer and save the empty record; "" on success."""
        self._answers.clear()
        return self._save()

    def _save(self) -> str:
        return write_json(self.path, {"version": VERSION, "answers": self._answers})


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
