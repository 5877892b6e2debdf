"""`python -m knowledge`: check every knowledge file and say what was loaded, or what is wrong and where."""

import argparse
import sys
from pathlib import Path

from .letter_parts import letter_gaps
from .loader import DATA_DIR, KnowledgeError, load_knowledge


def main() -> int:
    """Check the knowledge files; exit 1 with one line per problem if any is wrong."""
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the knowledge data folder to check")
    args = parser.parse_args()
    try:
        kb = load_knowledge(args.data)
    except KnowledgeError as error:
        print("The knowledge files have problems, so the assistant will not start:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    for gap in letter_gaps(kb.letters, kb.councils):
        print(f"Note: {gap}")
    topics = sum(len(c.topics) for c in kb.councils.values())
    print(
        f"Knowledge OK: {len(kb.councils)} council(s) ({', '.join(kb.councils)}), {topics} council topics, "
        f"{len(kb.national.topics)} national topics, {len(kb.register.councils)} councils recognised."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
