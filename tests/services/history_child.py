"""A process that appends sessions to a history as fast as it can, printing the number of each
one once `append` has returned. The kill and two-writer tests run it.

`python -m tests.services.history_child HOME FIRST_NUMBER [COUNT]` (the history is in
HOME/history, as tests.history_records.store_at lays it out)
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from tests.history_records import START, small_record, store_at


def main() -> int:
    home, first = Path(sys.argv[1]), int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 10**9
    store = store_at(home)
    print("ready", flush=True)
    for number in range(first, first + count):
        # Spread over three months, so appends write into more than one folder.
        store.append(small_record(number, START + timedelta(days=number % 90)))
        print(number, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
