"""Undo for deleted insats rows: the rows deleted in this session, newest last, per table."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DeletedRow:
    section_id: str
    key: str
    index: int
    row: dict[str, str]


@dataclass
class DeletedRows:
    rows: list[DeletedRow] = field(default_factory=list)
    limit: int = 50

    def push(self, deleted: DeletedRow) -> None:
        self.rows.append(deleted)
        del self.rows[:-self.limit]

    def latest(self, section_id: str, key: str) -> DeletedRow | None:
        """The table's most recently deleted row (left on the stack)."""
        return next((d for d in reversed(self.rows) if (d.section_id, d.key) == (section_id, key)), None)

    def pop(self, section_id: str, key: str) -> DeletedRow | None:
        """The table's most recently deleted row (removed from the stack)."""
        for position in range(len(self.rows) - 1, -1, -1):
            if (self.rows[position].section_id, self.rows[position].key) == (section_id, key):
                return self.rows.pop(position)
        return None

    def push_back(self, deleted: DeletedRow) -> None:
        """A restore that failed (the table is full): keep the row for a later try."""
        self.rows.append(deleted)
