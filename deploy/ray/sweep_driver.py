#!/usr/bin/env python3
"""Runs the shards of a planned Ballast sweep as Ray tasks, then merges them (docs/CLUSTER.md).

    ballast sweep plan sweep.toml --shards 8 --out /shared/sweep-1
    python3 deploy/ray/sweep_driver.py /shared/sweep-1 --shards 8 --db results.sqlite [--address auto]

Each task runs `ballast sweep run DIR --shard I/N` on a Ray worker; the folder must be on storage
every worker sees (or synced to and from an object store around the task). A failed task is retried
by Ray and resumes its shard. The driver then runs `ballast sweep merge` and prints its output.
"""

import argparse
import os
import subprocess
import sys

import ray


@ray.remote(num_cpus=1, max_retries=2)
def run_shard(ballast: str, directory: str, index: int, shards: int, jobs: int) -> str:
    completed = subprocess.run(
        [ballast, "sweep", "run", directory, "--shard", f"{index}/{shards}", "--jobs", str(jobs)],
        capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"shard {index}/{shards} exited {completed.returncode}: {completed.stderr}")
    return completed.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="the folder ballast sweep plan wrote")
    parser.add_argument("--shards", type=int, required=True)
    parser.add_argument("--db", required=True, help="the journal to merge into")
    parser.add_argument("--address", default=None, help="a Ray cluster address (default: start a local Ray)")
    parser.add_argument("--ballast", default=os.environ.get("BALLAST", "ballast"))
    parser.add_argument("--jobs", type=int, default=1, help="variants at the same time in each task")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    directory = os.path.abspath(arguments.directory)
    ray.init(address=arguments.address, include_dashboard=False, log_to_driver=False)
    try:
        tasks = [run_shard.remote(arguments.ballast, directory, index, arguments.shards, arguments.jobs)
                 for index in range(arguments.shards)]
        for line in ray.get(tasks):
            print(line, file=sys.stderr)
    finally:
        ray.shutdown()
    merge = [arguments.ballast, "sweep", "merge", directory, "--db", arguments.db]
    if arguments.json:
        merge.append("--json")
    return subprocess.run(merge).returncode


if __name__ == "__main__":
    sys.exit(main())
