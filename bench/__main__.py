"""Run every benchmark in order and print one line each; a missing one is said, not hidden.

`python -m bench pages picker` runs only the ones named."""

import importlib
import sys
import traceback

# Each module has run() -> list[str] (the lines it prints).
BENCHES = [
    "pages",
    "picker",
    "catalogue",
    "page_weight",
    "signup_rush",
    "signup_cost",
    "couples_rush",
    "slots",
    "consult_rush",
    "reminders",
    "abuse",
]


def main() -> int:
    failed = False
    only = sys.argv[1:]
    for name in BENCHES:
        if only and name not in only:
            continue
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.{name}":
                print(f"{name}: not written yet")
                continue
            raise
        try:
            for line in module.run():
                print(line, flush=True)
        except Exception:
            failed = True
            print(f"{name}: FAILED")
            traceback.print_exc()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
