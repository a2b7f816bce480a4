"""Speed goals of large scans: run by hand, prints each goal's ratio against a baseline timed in the same run.

    python bench/speed.py [--runs 5] [--max-files 11500] [--hit-heavy 2000] [--only large,per-file,...]
                          [--before CHECKOUT]

Trees are built in a temporary folder from the running interpreter's own
library (stdlib and site-packages, copied; ``site-packages`` is renamed,
since a folder of that name is excluded by default), plus planted files:
the evaluation set's call sites (tests/eval), cycled to 40 files.

  large      ``migrate`` on the large tree, against ``grep -rlE`` for the
             retired IDs and ``ruff check --no-cache`` (default rules), each
             a fresh process; and the scan's peak RSS, of its main process
             and (Linux) of all its processes together (goals 1 and 4)
  per-file   analysis of hit files in this process (each file's check, its
             dependency files read once per folder, as a run does), against
             ``libcst.parse_module`` of the same texts: on the planted files
             and on the hit-heavy tree's files (goal 2)
  hit-heavy  2,000 files that each hold a request: ``--jobs 2`` against
             ``--jobs 1``, and their JSON reports compared byte for byte (goal 3)
  scaling    the large tree at a quarter, a half and all of its files (40 hit
             files each), and the quarter tree with 80 and 160 hit files:
             time per GB scanned and per hit file (goal 5)

Timings are medians of ``--runs`` repetitions. Nothing here is a test: the
suite never times anything.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Sequence

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "tests" / "eval"
PLANTED = 40
SKIPPED_SUFFIXES = {".pyc", ".so", ".a", ".dylib", ".dll", ".exe", ".whl", ".zip", ".gz"}
AS_OF = "2026-11-30"  # fixed, so that two runs' reports compare byte for byte

REQUEST = '''
from openai import OpenAI

client = OpenAI(base_url="https://api.deepseek.com", api_key="sk-test")


def ask_{n}(question: str) -> str:
    """Answer one question for the support queue {n}."""
    response = client.chat.completions.create(
        model="deepseek-chat",
        messages=[{{"role": "user", "content": question}}],
        max_tokens=512,
    )
    return response.choices[0].message.content


def summarize_{n}(texts: list[str]) -> list[str]:
    return [ask_{n}("Summarize: " + text) for text in texts]
'''


def build_large(root: Path, max_files: int) -> int:
    """The interpreter's library copied under ``root`` (up to ``max_files`` Python files), plus planted files."""
    paths = sysconfig.get_paths()
    base = sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_prefix})
    sources = [(Path(paths["stdlib"]), "stdlib"), (Path(base["purelib"]), "packages")]
    if Path(paths["purelib"]) != Path(base["purelib"]):
        sources.append((Path(paths["purelib"]), "venv-packages"))
    copied = 0
    for source, name in sources:
        for folder, folders, files in os.walk(source):
            folders[:] = sorted(f for f in folders if f not in ("__pycache__", "site-packages") and not f.startswith("."))
            target = root / name / Path(folder).relative_to(source)
            for file in sorted(files):
                if Path(file).suffix in SKIPPED_SUFFIXES or copied >= max_files:
                    continue
                target.mkdir(parents=True, exist_ok=True)
                try:
                    shutil.copyfile(Path(folder) / file, target / file)
                except OSError:
                    continue
                copied += file.endswith(".py")
    plant(root / "planted")
    return copied


def plant(folder: Path) -> list[Path]:
    """The evaluation set's files, cycled to ``PLANTED`` call-site files."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(EVAL.glob("*.py"))
    planted = []
    for index in range(PLANTED):
        source = sources[index % len(sources)]
        path = folder / f"p{index:02}_{source.name}"
        shutil.copyfile(source, path)
        planted.append(path)
    return planted


def build_hit_heavy(root: Path, files: int) -> None:
    for index in range(files):
        folder = root / f"svc{index % 50:02}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"ask_{index:04}.py").write_text(REQUEST.format(n=index), encoding="utf-8")


def median_of(runs: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def alternated(runs: int, command: Sequence[str], cwd: Path, before: Path) -> tuple[float, float]:
    """Medians of ``command`` run by the code in ``before`` and by this checkout, one after the other, ``runs`` times:
    this machine drifts by a fifth between sittings, so a before-and-after is only fair within one."""
    timings: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(runs):
        for earlier in (True, False):
            start = time.perf_counter()
            spawn(command, cwd, code=before if earlier else REPO)
            timings[earlier].append(time.perf_counter() - start)
    return statistics.median(timings[True]), statistics.median(timings[False])


def spawn(
    command: Sequence[str], cwd: Path, all_memory: list[int] | None = None, code: Path | None = None,
) -> tuple[bytes, int]:
    """Run a process to its end: its output and its peak RSS in KB (its own, not its workers').

    With ``all_memory``, the peak of the summed proportional set sizes (PSS,
    shared pages split between their sharers) of the process and every
    process below it (its workers) is appended, in KB: sampled
    every 20 ms from ``/proc`` (Linux only; nothing is appended elsewhere).
    ``code``: the checkout whose ``migrator`` package the process imports (this one unless said).
    """
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL, env=_environment(code or REPO))
        sampler = _PssSampler(process.pid) if all_memory is not None and Path("/proc/self/smaps_rollup").exists() else None
        if sampler is not None:
            sampler.start()
        _, _, usage = os.wait4(process.pid, 0)
        process.returncode = 0
        if sampler is not None:
            sampler.join()
            all_memory.append(sampler.peak)  # type: ignore[union-attr]
        out.seek(0)
        return out.read(), usage.ru_maxrss


class _PssSampler(threading.Thread):
    """The peak, over the process's life, of the summed PSS of a process and its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak = pid, 0

    def run(self) -> None:
        while (_stat_fields(self.pid) or ["X"])[0] not in ("Z", "X"):  # alive: not gone, not a zombie
            self.peak = max(self.peak, sum(_pss(pid) for pid in _descendants(self.pid)))
            time.sleep(0.02)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat_fields(int(entry))
            if fields is not None and len(fields) > 1 and fields[1].isdigit():
                children.setdefault(int(fields[1]), []).append(int(entry))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, []))
    return found


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _stat_fields(pid: int) -> list[str] | None:
    """``/proc/PID/stat`` after the command name (state, parent, ...); None when the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _environment(code: Path) -> dict[str, str]:
    # As installed tools run: with bytecode caches (some shells set PYTHONDONTWRITEBYTECODE).
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), environment.get("PYTHONPATH", "")]))
    return environment


def migrate(*args: str) -> list[str]:
    return [sys.executable, "-m", "migrator", "--as-of", AS_OF, *args]


def ruff_command() -> list[str] | None:
    found = shutil.which("ruff") or shutil.which("ruff", path=str(Path(sys.executable).parent))
    return [found, "check", "--no-cache", "--exit-zero"] if found else None


def tree_bytes(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file())


def large(runs: int, max_files: int, before: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "tree"
        python = build_large(root, max_files)
        size = tree_bytes(root)
        print(f"large tree: {python} library Python files + {PLANTED} planted, {size / 1e6:.0f} MB")
        spawn(migrate("tree"), Path(folder))  # bytecode compiled, files in the page cache
        grep = median_of(runs, lambda: spawn(["grep", "-rlE", "deepseek-(chat|reasoner)", "tree"], Path(folder)))
        peaks: list[int] = []
        ours = median_of(runs, lambda: peaks.append(spawn(migrate("tree"), Path(folder))[1]))
        everything: list[int] = []
        spawn(migrate("tree"), Path(folder), everything)  # not timed: the sampling costs CPU
        print(f"  {'grep -rlE':<26}{grep:8.3f}s")
        print(f"  {'migrate':<26}{ours:8.3f}s   {ours / grep:6.1f}x grep   (goal: at most 3x)")
        ruff = ruff_command()
        if ruff is not None:
            linted = median_of(runs, lambda: spawn([*ruff, "tree"], Path(folder)))
            print(f"  {'ruff check --no-cache':<26}{linted:8.3f}s   migrate is {ours / linted:5.2f}x ruff   (goal: at most 0.25x)")
        else:
            print("  ruff not found: pip install ruff for the second baseline")
        print(f"  {'peak RSS (main process)':<26}{max(peaks) / 1024:8.0f} MB   (goal: at most 150 MB)")
        if before is not None:
            earlier, now = alternated(runs, migrate("tree"), Path(folder), before.resolve())
            print(f"  {'before / after, alternated':<26}{earlier:8.3f}s / {now:.3f}s   after is {now / earlier:5.2f}x before")
        if everything:
            print(f"  {'peak PSS (all processes)':<26}{max(everything) / 1024:8.0f} MB   (the run and its workers)")


def per_file(runs: int, hit_heavy: int) -> None:
    import libcst

    from migrator.catalog import load_catalog
    from migrator.codes import PUBLIC_CODES
    from migrator.config import Settings, tier_policy
    from migrator.engine import Job
    from migrator.exposure import Clock, now_utc

    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sets = {"planted files": plant(root / "planted")}
        build_hit_heavy(root / "heavy", min(hit_heavy, 400))
        sets["hit-heavy files"] = sorted((root / "heavy").rglob("*.py"))
        settings = Settings(root=root)
        job = Job(
            catalog=catalog, clock=Clock(as_of=now_utc()), tiers=tier_policy(settings, catalog),
            codes=PUBLIC_CODES,
            root=root, cwd=root, with_edits=False,  # as a check run reporting text computes them
        )
        for name, paths in sets.items():
            data = [(path, path.read_bytes()) for path in paths]
            texts = [content.decode() for _, content in data]
            parse = median_of(runs, lambda texts=texts: [libcst.parse_module(text) for text in texts])
            checked = median_of(runs, lambda data=data: analyse_as_a_run(job, data))
            print(f"per hit file, {name} ({len(paths)}, {sum(len(t) for t in texts) / 1e3:.0f} KB):")
            print(f"  {'libcst.parse_module':<26}{parse / len(paths) * 1e3:8.2f} ms/file")
            print(f"  {'analysis (check_file)':<26}{checked / len(paths) * 1e3:8.2f} ms/file {checked / parse:6.2f}x parse   (goal: at most 2x)")


def analyse_as_a_run(job: object, data: list[tuple[Path, bytes]]) -> list[object]:
    """Each file's check, its surroundings read once per folder: as ``engine.run`` does it."""
    from migrator.engine import check_file
    from migrator.filecheck.job import surroundings

    cache: dict = {}
    return [check_file(job, path, content, surroundings(path, job, cache)) for path, content in data]


def hit_heavy_tree(runs: int, files: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_hit_heavy(root / "tree", files)
        spawn(migrate("tree"), root)
        reports: dict[int, bytes] = {}

        def jobs(count: int) -> Callable[[], object]:
            def action() -> None:
                reports[count] = spawn(migrate("--format", "json", "--jobs", str(count), "tree"), root)[0]

            return action

        serial = median_of(runs, jobs(1))
        pooled = median_of(runs, jobs(2))
        same = reports[1] == reports[2] and bool(json.loads(reports[1])["findings"])
        print(f"hit-heavy tree: {files} files, each with a request")
        print(f"  {'--jobs 1':<26}{serial:8.3f}s")
        print(f"  {'--jobs 2':<26}{pooled:8.3f}s   {serial / pooled:5.2f}x faster   (goal: at least 1.7x)")
        print(f"  reports byte for byte the same: {'yes' if same else 'NO'}")


def scaling(runs: int, max_files: int) -> None:
    """Time against bytes (three tree sizes, 40 hit files each) and against hit files (one tree, 40 to 160)."""
    print("scaling: seconds per GB scanned should stay flat as the tree grows, ms per hit file as hits grow")
    for share, copies in ((4, 1), (2, 1), (1, 1), (4, 2), (4, 4)):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "tree"
            build_large(root, max_files // share)
            for extra in range(1, copies):
                plant(root / f"planted{extra}")
            size = tree_bytes(root)
            hits = PLANTED * copies
            spawn(migrate("tree"), Path(folder))
            timed = median_of(runs, lambda: spawn(migrate("tree"), Path(folder)))
            print(
                f"  {max_files // share:>6} library files {size / 1e6:5.0f} MB {hits:4} hit files {timed:7.3f}s"
                f"  {timed / size * 1e9:6.1f} s/GB  {timed / hits * 1e3:6.1f} ms/hit file"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-files", type=int, default=11_500)
    parser.add_argument("--hit-heavy", type=int, default=2000)
    parser.add_argument("--only", default="large,per-file,hit-heavy,scaling")
    parser.add_argument(
        "--before", type=Path, metavar="CHECKOUT",
        help="a checkout of an earlier commit: the large tree's run of each is timed in turn, for a before-and-after",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))  # this checkout's code, not an installed copy, for the per-file section too
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {sys.platform}")
    chosen = set(args.only.split(","))
    if "large" in chosen:
        large(args.runs, args.max_files, args.before)
    if "per-file" in chosen:
        per_file(args.runs, args.hit_heavy)
    if "hit-heavy" in chosen:
        hit_heavy_tree(args.runs, args.hit_heavy)
    if "scaling" in chosen:
        scaling(max(3, args.runs // 2), args.max_files)


if __name__ == "__main__":
    main()
