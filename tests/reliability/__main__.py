"""Run every reliability check and print the table; exit 1 if anything failed or was lost."""

import argparse
import sys
import time

from tests.reliability import run_all, table


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability", description=__doc__)
    parser.add_argument("--fast", action="store_true", help="the short form make test runs")
    args = parser.parse_args()
    started = time.perf_counter()
    results = run_all(fast=args.fast)
    print(table(results))
    print(f"\nreliability finished in {time.perf_counter() - started:.0f} s")
    bad = [r for r in results if r.failures or r.data_lost]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
