#!/usr/bin/env python3
"""Checks every #include "..." of the non-test tree against the table of allowed
edges between folders in docs/ARCHITECTURE.md (the table whose header row is
"| folder | may include |"; that file is the one place the edges are written).

A file belongs to the longest folder of the table that holds it; an include
names the folder the same way: relative to the including file when a file of
that name is there (C's rule for "..." includes, used by the freestanding
firmware/ sources), otherwise relative to the source root. A folder may
include itself. Also fails when a folder holding C or C++ sources has no row,
when a row names a folder that is not a row itself, or when the table has a
cycle.

Usage: architecture_test.py SOURCE_DIR   (exit 0: every include allowed)
"""

import os
import re
import sys

TABLE_HEADER = re.compile(r"^\|\s*folder\s*\|\s*may include\s*\|\s*$")
NAME = re.compile(r"`([^`]+)`")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
SOURCE_SUFFIXES = (".h", ".hpp", ".cc", ".cpp", ".c")
SKIPPED_TOP_FOLDERS = {"tests"}  # the non-test tree only


def read_table(doc_path):
    """folder -> set of folders it may include, from the markdown table."""
    with open(doc_path, encoding="utf-8") as doc:
        lines = doc.read().splitlines()
    start = next((i for i, line in enumerate(lines) if TABLE_HEADER.match(line)), None)
    if start is None:
        sys.exit(f"{doc_path}: no table with the header '| folder | may include |'")
    table = {}
    for number, line in enumerate(lines[start + 2:], start + 3):
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        folders = NAME.findall(cells[0]) if cells else []
        if len(cells) != 2 or len(folders) != 1:
            sys.exit(f"{doc_path}:{number}: expected '| `folder` | `a`, `b` |' (or — for none)")
        table[folders[0]] = set(NAME.findall(cells[1]))
    return table


def table_errors(table):
    errors = []
    for folder, allowed in sorted(table.items()):
        for target in sorted(allowed - set(table)):
            errors.append(f"table: folder {folder} may include {target}, which has no row")
    # Depth-first search for a cycle among the edges.
    state = {}

    def visit(folder, path):
        state[folder] = "open"
        for target in sorted(table.get(folder, ())):
            if state.get(target) == "open":
                cycle = path[path.index(target):] + [target]
                errors.append("table: cycle " + " -> ".join(cycle))
            elif target in table and target not in state:
                visit(target, path + [target])
        state[folder] = "done"

    for folder in sorted(table):
        if folder not in state:
            visit(folder, [folder])
    return errors


def owner(path, table):
    """The longest folder of the table that holds `path` (a relative file path)."""
    best = None
    for folder in table:
        if path.startswith(folder + "/") and (best is None or len(folder) > len(best)):
            best = folder
    return best


def source_files(root):
    for top in sorted(os.listdir(root)):
        top_path = os.path.join(root, top)
        if (top.startswith(".") or top in SKIPPED_TOP_FOLDERS or not os.path.isdir(top_path)
                or os.path.exists(os.path.join(top_path, "CMakeCache.txt"))):
            continue
        for directory, subdirectories, files in os.walk(top_path):
            subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES):
                    yield os.path.relpath(os.path.join(directory, name), root)


def resolve(root, path, included):
    """The root-relative path an include names (see the module comment)."""
    beside = os.path.normpath(os.path.join(os.path.dirname(path), included))
    if os.path.isfile(os.path.join(root, beside)):
        return beside
    return included


def include_errors(root, table):
    errors = []
    for path in source_files(root):
        folder = owner(path, table)
        if folder is None:
            errors.append(f"{path}: folder {os.path.dirname(path)} has no row in the table")
            continue
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as source:
            for number, line in enumerate(source, 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                included = resolve(root, path, match.group(1))
                target = owner(included, table)
                if target == folder or target in table[folder]:
                    continue
                errors.append(f"{path}:{number} includes {included}, "
                              f"not an allowed edge of folder {folder}")
    return errors


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    table = read_table(os.path.join(root, "docs", "ARCHITECTURE.md"))
    errors = table_errors(table) + include_errors(root, table)
    for error in errors:
        print(error)
    if errors:
        return 1
    print(f"{len(table)} folders, every include an allowed edge")
    return 0


if __name__ == "__main__":
    sys.exit(main())
