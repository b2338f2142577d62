"""The one error the domain raises for invalid values, carrying the field it is about."""

from __future__ import annotations


class InvalidValueError(ValueError):
    """A value breaks a domain rule.

    `field` is a path relative to the object being checked (``"base_salary"``,
    ``"offers[1].id"``); `rule` is the plain-words rule (``"must be between 0 and 10,000,000"``).
    The string form is ``"field: rule"`` so that a decoder which reports the object's own
    location can append the field to it.
    """

    def __init__(self, field: str, rule: str) -> None:
        super().__init__(f"{field}: {rule}" if field else rule)
        self.field = field
        self.rule = rule
