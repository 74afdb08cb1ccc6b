"""How fast the pipeline reads: reports per second and per-report latency, rules included.

Documents are loaded once (file reading is not what is measured), then read and checked
`repeat` times each on one core. The layout engine's target is 500 reports a second.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass
from typing import Iterable

from .document import Document
from .engines.base import Engine
from .errors import XxgkError
from .load import expand, load
from .pipeline import extract_document
from .segment import is_annual_report


@dataclass(frozen=True)
class BenchResult:
    documents: int
    runs: int
    seconds: float
    latencies_ms: tuple[float, ...]  # one per run
    load_ms: float  # mean time to load one document (reported, not in the rate)
    core: int | None
    #: CPU time of this process over the runs: the rate other processes on the core cannot skew
    cpu_seconds: float = 0.0
    #: CPU seconds of each round (one reading of every document)
    rounds: tuple[float, ...] = ()

    @property
    def per_second(self) -> float:
        return self.runs / self.seconds if self.seconds else 0.0

    @property
    def per_cpu_second(self) -> float:
        return self.runs / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def best_per_second(self) -> float:
        """The rate of the fastest round: on a shared machine other work only ever adds time, so
        the fastest round is the closest to what the code costs (timeit reports the minimum too)."""
        best = min(self.rounds, default=0.0)
        return self.documents / best if best else 0.0

    def percentile(self, q: float) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else 0.0

    def summary(self) -> str:
        core = f" on core {self.core}" if self.core is not None else ""
        return (
            f"{self.runs} readings of {self.documents} reports in {self.seconds:.2f} s{core}: "
            f"{self.per_second:.0f} reports/s wall clock, {self.per_cpu_second:.0f} reports/s of CPU time; "
            f"latency per report: mean "
            f"{statistics.fmean(self.latencies_ms):.2f} ms, median {self.percentile(0.5):.2f} ms, "
            f"p95 {self.percentile(0.95):.2f} ms, max {max(self.latencies_ms):.2f} ms "
            f"(loading, not counted: {self.load_ms:.2f} ms per report); fastest of {len(self.rounds)} "
            f"rounds: {self.best_per_second:.0f} reports/s of CPU time"
        )


def pin_one_core() -> int | None:
    """Run on a single core (the idlest one), so the figure is a one-core figure (Linux only)."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cores = sorted(os.sched_getaffinity(0))
    core = _idlest(cores) if len(cores) > 1 else cores[0]
    os.sched_setaffinity(0, {core})
    return core


def _idlest(cores: list[int]) -> int:
    """The core with the most idle time over a fifth of a second (/proc/stat), else the first."""
    def idle() -> dict[int, int]:
        out = {}
        try:
            with open("/proc/stat", encoding="ascii") as fh:
                for line in fh:
                    name, *fields = line.split()
                    if name.startswith("cpu") and name[3:].isdigit():
                        out[int(name[3:])] = int(fields[3]) + int(fields[4])
        except (OSError, ValueError, IndexError):
            return {}
        return out

    before = idle()
    time.sleep(0.2)
    after = idle()
    return max(cores, key=lambda c: after.get(c, 0) - before.get(c, 0))


def hostile_documents() -> list[Document]:
    """Reports built to make the table solver work hard: a 200-digit run in a 表三 row and in 表四,
    10,000 number cells in 表三, and every row of 表三 an ambiguous run. Each must come back (with
    doubts) well under a second."""
    head = "某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000\n"
    t3 = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量"
    t4 = "四、政府信息公开行政复议、行政诉讼情况\n行政复议结果维持结果纠正其他结果尚未审结总计"
    digits = "1234567890" * 20
    texts = {
        "run-200-digits": f"{head}{t3}{digits}\n二、上年结转政府信息公开申请数量0000000\n{t4}{digits}\n",
        "10000-cells": f"{head}{t3}" + " ".join(str(i % 97) for i in range(10_000)) + f"\n{t4}\n",
        "every-row-ambiguous": f"{head}{t3}" + "".join(
            f"{label}270020130" for label in ("", "二、上年结转政府信息公开申请数量", "（一）予以公开", "（二）部分公开",
                                              "（三）不予公开1.属于国家秘密", "2.其他法律行政法规禁止公开",
                                              "3.危及“三安全一稳定”", "4.保护第三方合法权益", "（七）总计",
                                              "四、结转下年度继续办理")) + f"\n{t4}{digits[:17]}\n",
    }
    import hashlib

    return [Document(path=f"hostile/{name}.txt", text=text, format="txt",
                     sha256=hashlib.sha256(text.encode()).hexdigest()) for name, text in texts.items()]


def load_all(inputs: Iterable[str]) -> tuple[list[Document], float]:
    """Every readable report under the inputs, and the mean load time in ms."""
    docs: list[Document] = []
    t0 = time.perf_counter()
    for path in expand(inputs):
        try:
            doc = load(path)
        except XxgkError:
            continue
        if is_annual_report(doc.text):  # results pages and notes beside the reports are skipped
            docs.append(doc)
    return docs, (time.perf_counter() - t0) * 1000 / max(len(docs), 1)


def bench(docs: list[Document], engine: Engine, *, repeat: int = 50, warmup: int = 1, core: int | None = None,
          rules: bool = True) -> BenchResult:
    """Read and check every document `repeat` times; time each reading (the engine alone when not `rules`)."""
    run = extract_document if rules else (lambda doc, eng: eng.read(doc))
    for _ in range(warmup):
        for doc in docs:
            run(doc, engine)
    lat: list[float] = []
    rounds: list[float] = []
    clock, cpu = time.perf_counter, time.process_time
    t0, c0 = clock(), cpu()
    for _ in range(repeat):
        r0 = cpu()
        for doc in docs:
            t = clock()
            run(doc, engine)
            lat.append((clock() - t) * 1000)
        rounds.append(cpu() - r0)
    return BenchResult(documents=len(docs), runs=len(lat), seconds=clock() - t0, latencies_ms=tuple(lat),
                       load_ms=0.0, core=core, cpu_seconds=cpu() - c0, rounds=tuple(rounds))
