"""Text bound for a terminal, with the user's control and bidirectional characters made visible.

Names are the user's own and may hold anything: an escape sequence (ESC) can recolour or clear a
terminal, a carriage return overwrite the line, and a right-to-left override (U+202E) reverse
what follows. Printed as escapes (``\\x1b``, ``\\u202e``) instead, the report shows exactly what
is in the file, whether it goes to a terminal or through a pipe to one later.
"""

from __future__ import annotations

import re
from typing import Final

# C0 controls except the line feed the report itself uses, DEL, C1 controls, and the Unicode
# bidirectional formatting characters (marks, embeddings, overrides, isolates).
_UNSAFE: Final = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every control or bidirectional formatting character (but newlines) escaped."""
    return _UNSAFE.sub(_escape, text)
