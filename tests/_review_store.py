"""A store whose queue exercises the review page: both formats, a doubt with candidates, a
broken 2021 identity, a printed blank, and a finding across reports.

Built from the seeds with the gold engine, tweaked per report:

- seed 000 (2019): its own two broken outcome sums (the print is wrong);
- seed 002 (2021): 表三 一、自然人 unsettled, candidates 1 and 0 (0 is right); 二、自然人 printed blank;
- seed 004 (2021): 三（七）总计 / 总计 read as 3 where the parts make 0;
- `zz_twin_2024.txt`: seed 004's body a year later, 二、上年结转 自然人 5 where 2023 carried 0 forward
  (a carry-over finding across reports, and broken identities of its own).

Items come in that order (ids 1-4); seeds 001 and 003 are verified.
"""

from __future__ import annotations

import json
from pathlib import Path

from extractor.engines.base import Doubt, Reading
from extractor.flat import from_flat
from extractor.store import Store, as_url

from gold_engine import GoldEngine, copy_seeds, gold_path, provenance

DOUBT_KEY = "requests.new.natural"
CANDIDATES = [1, 0]
BLANK_KEY = "requests.carried_over.natural"
WRONG_TOTAL = ("requests.total.total", 3)
TWIN = "zz_twin_2024.txt"


class TweakedGold(GoldEngine):
    """The gold engine, with a doubt and a printed blank on seed 002 and a misread total on 004."""

    def read(self, doc):
        reading = super().read(doc)
        name = Path(doc.path).name
        if not name.startswith(("002_", "004_")):
            return reading
        gold = json.loads(gold_path(doc.path).read_text(encoding="utf-8"))
        meta, values = gold["meta"], dict(gold["fields"])
        doubts, printed = {}, {}
        if name.startswith("002_"):
            values[DOUBT_KEY] = None
            doubts[DOUBT_KEY] = Doubt(reason="ambiguous_split", candidates=list(CANDIDATES),
                                      detail="2 splits of the run fit the table")
            printed[BLANK_KEY] = ""
        else:
            values[WRONG_TOTAL[0]] = WRONG_TOTAL[1]
        record = from_flat(meta["template"], values, organ=meta["organ"], year=meta["year"], printed=printed,
                           present=("requests",))
        return Reading(record=record, engine=self.name, provenance=provenance(doc.text, meta["template"]),
                       doubts=doubts, usage=reading.usage, settings=self.settings())


def review_store(tmp: Path) -> Store:
    """The store described in the module docstring, at `tmp/xxgk.sqlite`."""
    from extractor.batch import run_batch

    folder = copy_seeds(tmp / "seeds")
    seed = next(folder.glob("004_*.txt"))
    twin = folder / TWIN
    twin.write_text(seed.read_text(encoding="utf-8").replace("2023", "2024", 1), encoding="utf-8")
    gold = json.loads(gold_path(str(seed)).read_text(encoding="utf-8"))
    gold["meta"]["year"] = 2024
    gold["fields"]["requests.carried_over.natural"] = 5
    gold_path(str(twin)).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    store = Store(as_url(str(tmp / "xxgk.sqlite")))
    run_batch([str(folder)], TweakedGold(), store, progress=False, label="page")
    return store
