"""Site-wide boilerplate across shards: the tables ``clean --into`` would have handed the cleaner.

``clean --into`` learns each site's recurring lines as it stores documents, in arrival order:
a page is cleaned with the lines seen in at least ``sitewide.MIN_DOCS`` and ``MIN_SHARE`` of
the site's original documents stored before it (a copy of another document teaches nothing).
The batch reaches the same texts in rounds, each a few Dask stages over keys:

1. the shards are cleaned with no table; each document's line keys are kept beside it (the
   lines a page holds do not depend on the table, only their verdicts do);
2. the dedup stages say which documents are copies (they do not teach);
3. the line keys are shuffled by site; in each site's bucket, in arrival order, each page is
   given the keys its site had learned before it, among its own lines;
4. pages whose keys differ from those they were cleaned with are cleaned again on their
   shard, and the round repeats (a new text can change what is a copy) until nothing changes.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from harvester.batch.dedup import partitions
from harvester.clean import sitewide

MAX_ROUNDS = 4  # rounds of cleaning again; the dev set's shards settle after one


def threshold(total: int, min_docs: int = sitewide.MIN_DOCS,
              min_share: float = sitewide.MIN_SHARE) -> int | None:
    """How many of ``total`` documents a line must be in to be the site's boilerplate, as the
    corpus counts it (``store.site_lines``); None while the site has too few documents."""
    if total < min_docs:
        return None
    return max(min_docs, int(min_share * total + 0.999999))


def _linked_orders(shard: tuple[int, str, str], linked: set[str]) -> dict[str, tuple]:
    """The arrival order of the linked documents of one shard (index, key, documents path)."""
    import fsspec

    from harvester.batch.parquet import read_table

    index, _key, path = shard
    fs, local = fsspec.core.url_to_fs(path)
    orders: dict[str, tuple] = {}
    for row in read_table(fs, local, ["id", "position"]).to_pylist():
        if row["id"] in linked:
            orders.setdefault(row["id"], (index, row["position"]))
    return orders


def copies(client, shard_files: list[tuple[int, str, str]], duplicate_of: dict[str, str]
           ) -> set[str]:
    """The documents that joined an earlier one (exactly or nearly) when they arrived: every
    member of a group but the first to arrive."""
    linked = set(duplicate_of) | set(duplicate_of.values())
    if not linked:
        return set()
    shared = client.scatter(linked, broadcast=True)
    orders: dict[str, tuple] = {}
    for found in client.gather(client.map(_linked_orders, shard_files, linked=shared,
                                          pure=False)):
        for doc, order in found.items():
            orders[doc] = min(order, orders.get(doc, order))
    first: dict[str, str] = {}
    for doc in sorted(linked, key=orders.__getitem__):
        first.setdefault(duplicate_of.get(doc, doc), doc)
    return {doc for doc in linked if first[duplicate_of.get(doc, doc)] != doc}


def site_events(shard_files: list[tuple[int, str, str]], out: str, joined: set[str]) -> list:
    """(site, event) of the documents of one partition's shards: each page asks its URL's site
    for a table, each document teaches its own site (after asking: a page is cleaned before
    it is learned from)."""
    import fsspec

    from harvester.batch.clean import ShardPaths
    from harvester.batch.parquet import read_table

    paths = ShardPaths(out)
    events = []
    for index, key, _path in shard_files:
        fs, _ = fsspec.core.url_to_fs(out)
        docs = read_table(fs, paths.documents(key), ["id", "position", "site"]).to_pylist()
        lines = {r["position"]: r for r in read_table(fs, paths.lines(key)).to_pylist()}
        for doc in docs:
            line = lines[doc["position"]]
            order = (index, doc["position"])
            if line["lookup_site"]:
                events.append((line["lookup_site"], (order, 0, key, line["line_keys"],
                                                     line["applied"])))
            if doc["site"]:
                events.append((doc["site"], (order, 1, doc["id"], line["line_keys"],
                                             doc["id"] not in joined)))
    return events


def scan_site(group: tuple[str, list[tuple]]) -> list[tuple]:
    """(shard key, position, keys) of each page of one site whose table is not the one it was
    cleaned with."""
    _site, members = group
    counts: Counter = Counter()
    total = 0
    seen: set[str] = set()
    changed = []
    events = sorted((event for _site, event in members), key=lambda e: (e[0], e[1]))
    for order, kind, name, keys, extra in events:
        if kind == 0:  # a page asks
            least = threshold(total)
            table = [] if least is None else [k for k in keys if counts[k] >= least]
            if table != list(extra):
                changed.append((name, order[1], table))
        elif name not in seen:  # a document teaches, once per text from a source
            seen.add(name)
            if extra:
                total += 1
                counts.update(keys)
    return changed


def site_tables(client, shard_files: list[tuple[int, str, str]], out: str,
                duplicate_of: dict[str, str], retries: int = 2) -> dict[str, dict[int, list]]:
    """For each shard key, the pages to clean again: position -> their table's keys."""
    import dask
    import dask.bag as db

    if not shard_files:
        return {}
    # One node of the graph, not a copy of the set in every partition's task.
    joined = dask.delayed(copies(client, shard_files, duplicate_of), traverse=False)
    bag = db.from_sequence(shard_files, npartitions=partitions(client, len(shard_files))) \
        .map_partitions(site_events, out, joined) \
        .groupby(lambda event: event[0], shuffle="tasks").map(scan_site).flatten()
    by_shard: dict[str, dict[int, list]] = defaultdict(dict)
    for key, position, table in client.compute(bag, retries=retries).result():
        by_shard[key][position] = table
    return dict(by_shard)
