#!/usr/bin/env python3
"""Check that every message the tools show to editors has a Vietnamese entry.

Collects the format strings passed to diag_error, diag_warn, parse_error and
msg_text in generator/ and lib/, joins adjacent C string literals, and looks
each up among the English keys of lib/msg.c. Prints "messages: N passed,
N failed" and exits non-zero when any is missing.
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2]
CALL = re.compile(r"\b(diag_error|diag_warn|diag_verror|parse_error|msg_text)\s*\(")
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')


def call_arguments(text, start):
    """Returns the argument text of the call whose '(' ends at start."""
    depth, i = 1, start
    while depth:
        c = text[i]
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1
    return text[start:i - 1]


def split_arguments(args):
    """Splits call arguments at top-level commas, outside strings and brackets."""
    parts, depth, i, start = [], 0, 0, 0
    while i < len(args):
        c = args[i]
        if c == '"':
            i += 1
            while args[i] != '"':
                i += 2 if args[i] == "\\" else 1
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(args[start:i])
            start = i + 1
        i += 1
    parts.append(args[start:])
    return parts


def format_of(name, args):
    """Returns the joined format literal of one call, or None."""
    parts = split_arguments(args)
    # msg_text(fmt); diag_*(d, path, line, fmt, ...); parse_error(p, line, fmt, ...)
    if name == "msg_text":
        index = 0
    elif name.startswith("diag"):
        index = 3
    else:
        index = 2
    if len(parts) <= index:
        return None
    match = re.match(r'\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', parts[index])
    if not match:
        return None
    return "".join(LITERAL.findall(match.group(1)))


def main():
    catalogue = (root / "lib" / "msg.c").read_text()
    keys = set()
    for entry in re.finditer(r'\{((?:\s*"(?:[^"\\]|\\.)*")+)\s*,', catalogue):
        keys.add("".join(LITERAL.findall(entry.group(1))))

    passed = failed = 0
    for path in sorted(list((root / "generator").glob("*.c")) + list((root / "lib").glob("*.c"))):
        if path.name == "msg.c":
            continue
        text = path.read_text()
        for call in CALL.finditer(text):
            fmt = format_of(call.group(1), call_arguments(text, call.end()))
            if fmt is None or fmt in ("", "%s"):
                continue
            if fmt in keys:
                passed += 1
            else:
                failed += 1
                print(f"{path.relative_to(root)}: no Vietnamese entry for: {fmt}")
    print(f"messages: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
