"""ruamel's round-trip emitter without its two loops over every character.

Writing a report file, ruamel looks at each scalar character by character in Python twice: to
decide which styles it may take (``analyze_scalar``) and to write a literal block
(``write_literal``). For a 10,000-word answer that is ~40 ms of a save, all of it holding
Python's lock while the writer types (benchmarks/keystroke.py). :class:`FastEmitter` decides
the same with regular expressions and ``str`` methods and writes a literal block a line at a
time; everything else, and every case outside the fast path (another encoding, a block at
the document's root, the YAML 1.1 line breaks NEL/LS/PS), is ruamel's own code. Its output
equals ruamel's: ``tests/test_yaml_emitter.py`` compares both on generated text and documents.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.emitter import RoundTripEmitter, ScalarAnalysis

_BREAKS = "\n\x85\u2028\u2029"
_WHITESPACE = "\0 \t\r\n\x85\u2028\u2029"
# What the emitter calls special with allow_unicode: control characters (not \n), DEL and C1
# (not NEL), surrogates, the BOM, U+FFFE and U+FFFF. Listed, not negated (see yamlio).
_SPECIAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_ANY_BREAK = re.compile("[\n\x85\u2028\u2029]")
_BREAK_SPACE = re.compile("[\n\x85\u2028\u2029] ")
_SPACE_BREAK = re.compile(" [\n\x85\u2028\u2029]")
_FLOW_INSIDE = re.compile(r"[,\[\]{}]")  # searched from the second character on
# ':' followed by whitespace or the end, '#' after whitespace: both kinds of indicator (from the
# second character on; the first character is decided on its own).
_COLON_OR_HASH = re.compile("(?s).:(?=[\0 \t\r\n\x85\u2028\u2029]|\\Z)|[\0 \t\r\n\x85\u2028\u2029]#")
_LEADING_INDICATORS = "#,[]{}&*!|>'\"%@`"
_LINES = re.compile("\n+|[^\n]+")


class FastEmitter(RoundTripEmitter):
    """:class:`RoundTripEmitter` with ``analyze_scalar`` and ``write_literal`` done per line,
    not per character (same output)."""

    def analyze_scalar(self, scalar: Any) -> Any:
        if not scalar or not isinstance(scalar, str) or not self.allow_unicode:
            return super().analyze_scalar(scalar)
        yaml_11 = self.serializer.use_version == (1, 1)
        first, length = scalar[0], len(scalar)
        followed_by_whitespace = length == 1 or scalar[1] in _WHITESPACE

        block_indicators = flow_indicators = scalar.startswith(("---", "..."))
        if first in _LEADING_INDICATORS:
            flow_indicators = block_indicators = True
        if first in "?:":
            if yaml_11 or length == 1:
                flow_indicators = True
            if followed_by_whitespace:
                block_indicators = True
        if first == "-" and followed_by_whitespace:
            flow_indicators = block_indicators = True
        if _FLOW_INSIDE.search(scalar, 1) or (yaml_11 and scalar.find("?", 1) != -1):
            flow_indicators = True
        if _COLON_OR_HASH.search(scalar):
            flow_indicators = block_indicators = True

        line_breaks = _ANY_BREAK.search(scalar) is not None
        special_characters = _SPECIAL.search(scalar) is not None
        leading_space, trailing_space = first == " ", scalar[-1] == " "
        leading_break, trailing_break = first in _BREAKS, scalar[-1] in _BREAKS
        break_space = _BREAK_SPACE.search(scalar) is not None
        space_break = _SPACE_BREAK.search(scalar) is not None

        # From here as ruamel decides (emitter.py, analyze_scalar).
        allow_flow_plain = allow_block_plain = allow_single_quoted = allow_double_quoted = allow_block = True
        if leading_space or leading_break or trailing_space or trailing_break:
            allow_flow_plain = allow_block_plain = False
        if trailing_space:
            allow_block = False
        if break_space:
            allow_flow_plain = allow_block_plain = allow_single_quoted = False
        if special_characters:
            allow_flow_plain = allow_block_plain = allow_single_quoted = allow_block = False
        elif space_break:
            allow_flow_plain = allow_block_plain = allow_single_quoted = False
            if not self.allow_space_break:
                allow_block = False
        if line_breaks:
            allow_flow_plain = allow_block_plain = False
        if flow_indicators:
            allow_flow_plain = False
        if block_indicators:
            allow_block_plain = False
        return ScalarAnalysis(scalar=scalar, empty=False, multiline=line_breaks,
                              allow_flow_plain=allow_flow_plain, allow_block_plain=allow_block_plain,
                              allow_single_quoted=allow_single_quoted, allow_double_quoted=allow_double_quoted,
                              allow_block=allow_block)

    def write_literal(self, text: Any, comment: Any = None) -> None:
        if (self.root_context or self.encoding or not isinstance(text, str)
                or "\x85" in text or "\u2028" in text or "\u2029" in text):
            super().write_literal(text, comment)
            return
        hints, _indent, indicator = self.determine_block_hints(text)
        if not isinstance(comment, str):
            comment = ""
        self.write_indicator("|" + hints + comment, True)
        if indicator == "+":
            self.open_ended = True
        self.write_line_break()
        # ruamel's loop, run by line: a line is written as it is (the column is not counted, as
        # there); a run of line breaks is written break by break, and is followed by the indent
        # unless the text ends there; a text not ending in a break gets one.
        end = len(text)
        for match in _LINES.finditer(text):
            run = match.group()
            if run[0] == "\n":
                for _ in run:
                    self.write_line_break()
                if match.end() < end:
                    self.write_indent()
            else:
                if match.start() == 0:
                    self.write_indent()
                self.stream.write(run)
                if match.end() == end:
                    self.write_line_break()
