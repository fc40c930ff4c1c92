"""Exact and near duplicates and stories across all shards, as distributed Dask stages.

The rules are the incremental ``Linker``'s (``harvester.dedup``), applied to all documents at
once in the order they arrive (input order, then place in the shard), so the groups and roots
are those ``harvester clean INPUT... --into DB`` gives:

1. exact: records shuffled by content hash; a text repeated from the same source is dropped
   (``clean --into`` finds it already stored), the first copy of a text stands for the others;
2. keys: the first copies' band, contained-copy and story keys shuffled by key; in each
   bucket, in arrival order, a document meets the documents the corpus' look-up would return
   (the oldest ``PER_KEY_LIMIT`` before it for a band or contained-copy key, the newest before
   it for a story key);
3. candidates: shared keys counted per pair and ranked per document as ``rank_candidates``
   ranks them;
4. confirmation where the texts are: the later document's text is fetched from its shard,
   then the pair is confirmed on the shard of the earlier one (``is_near_duplicate``,
   ``StorySignals.same_story``);
5. groups: connected components of the confirmed pairs (on the client: it holds only the
   documents that have a link), the root of each by ``original`` (the page another member
   names as canonical, then ``root_key``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from harvester.dedup import (
    MAX_CANDIDATES,
    MIN_SHARED_BANDS,
    MIN_SHARED_CONTAINED,
    MIN_SHARED_STORY_KEYS,
    PER_KEY_LIMIT,
    DedupSettings,
    root_key,
)
from harvester.dedup.original import named_pages

_META = ["id", "source", "content_hash", "word_count", "published", "position", "band_keys",
         "story_keys", "contained_keys", "credited", "url", "canonical_url"]


def _node(record: dict) -> tuple:
    """What the choice of a root needs of a document, and where it lives."""
    return (record["id"], record["published"], record["word_count"], record["content_hash"],
            record["order"], record["shard"], record["credited"], record["url"],
            record["canonical_url"])


def load_meta(shard_files: list[tuple[int, str, str]]) -> list[dict]:
    """The linking metadata of the shards of one partition (index, key, path)."""
    import fsspec

    from harvester.batch.parquet import read_table

    records = []
    for index, _key, path in shard_files:
        fs, local = fsspec.core.url_to_fs(path)
        for row in read_table(fs, local, _META).to_pylist():
            row["order"] = (index, row.pop("position"))
            row["shard"] = path
            records.append(row)
    return records


def exact_groups(group: tuple[str, list[dict]]) -> list[tuple]:
    """('unchanged', id) for a repeat from the same source; ('first', record) for the first
    copy of a text; ('edge', first, copy) for each later copy."""
    _hash, members = group
    members = sorted(members, key=lambda r: r["order"])
    out: list[tuple] = []
    sources: set[str] = set()
    first = None
    for record in members:
        if record["source"] in sources:
            out.append(("unchanged", record["id"], record["shard"]))
            continue
        sources.add(record["source"])
        if first is None:
            first = record
            out.append(("first", record))
        else:
            out.append(("edge", "copy", _node(first), _node(record)))
    return out


def bucket_keys(record: dict) -> Iterable[tuple]:
    node = _node(record)
    for band, value in enumerate(record["band_keys"] or []):
        yield ("band", band, value), node
    for value in record["story_keys"] or []:
        yield ("story", value), node
    for value in record["contained_keys"] or []:
        yield ("contained", value), node


def bucket_pairs(bucket: tuple[tuple, list], min_words: int) -> list[tuple]:
    """(kind, later, earlier) for each document of a key's bucket and each one the corpus'
    look-up would have returned for it (see ``Corpus.shared_keys``)."""
    key, nodes = bucket
    nodes = sorted(nodes, key=lambda n: n[4])
    kind = key[0]
    pairs = []
    for j, later in enumerate(nodes):
        if kind != "story":
            if later[2] < min_words:
                continue  # short texts look up no band keys: only exact copies link them
            earlier = nodes[:min(j, PER_KEY_LIMIT)]
        else:
            earlier = nodes[max(0, j - PER_KEY_LIMIT):j]
        pairs.extend((kind, later, other) for other in earlier)
    return pairs


def rank(group: tuple[tuple, list[tuple]], min_words: int) -> list[tuple]:
    """The candidates of one document, as ``rank_candidates`` ranks them."""
    (kind, later), counted = group
    least = {"band": MIN_SHARED_BANDS, "contained": MIN_SHARED_CONTAINED,
             "story": MIN_SHARED_STORY_KEYS}[kind]
    ranked = sorted((-count, other[4], other) for other, count in counted if count >= least)
    chosen = [other for _, _, other in ranked[:MAX_CANDIDATES]]
    if kind != "story":
        chosen = [other for other in chosen if other[2] >= min_words]
    return [(kind, later, other) for other in chosen]


def _texts(shard_path: str, ids: set[str]) -> dict[str, dict]:
    import fsspec

    from harvester.batch.parquet import read_table

    fs, local = fsspec.core.url_to_fs(shard_path)
    table = read_table(fs, local, ["id", "text", "published"])
    return {row["id"]: row for row in table.to_pylist() if row["id"] in ids}


def attach_later_texts(group: tuple[str, list[tuple]]) -> list[tuple]:
    """On the later documents' shard: each candidate pair with the later one's text."""
    shard, pairs = group
    texts = _texts(shard, {later[0] for _, later, _ in pairs})
    return [(kind, later, other, texts[later[0]]) for kind, later, other in pairs]


def confirm(group: tuple[str, list[tuple]], settings: DedupSettings) -> list[tuple]:
    """On the earlier documents' shard: the candidate pairs the linking rules confirm."""
    from harvester.dedup import StorySignals, is_near_duplicate, shingles

    shard, pairs = group
    texts = _texts(shard, {other[0] for _, _, other, _ in pairs})
    signals = StorySignals.with_stoplists() if any(p[0] == "story" for p in pairs) else None
    confirmed = []
    for kind, later, other, later_row in pairs:
        other_row = texts[other[0]]
        if kind != "story":
            same = is_near_duplicate(shingles(later_row["text"]), shingles(other_row["text"]),
                                     settings.threshold, (later_row["text"], other_row["text"]),
                                     settings.block_threshold)
        else:
            same = signals.same_story(later_row, other_row, settings)
        if same:
            confirmed.append(("edge", "story" if kind == "story" else "near", other, later))
    return confirmed


class Components:
    """Union-find over documents; each set's root is its first document by ``root_key``."""

    def __init__(self):
        self.parent: dict[str, str] = {}
        self.nodes: dict[str, tuple] = {}

    def _find(self, doc_id: str) -> str:
        root = doc_id
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[doc_id] != root:  # path compression
            self.parent[doc_id], doc_id = root, self.parent[doc_id]
        return root

    def join(self, a: tuple, b: tuple) -> None:
        for node in (a, b):
            if node[0] not in self.parent:
                self.parent[node[0]] = node[0]
                self.nodes[node[0]] = node
        ra, rb = self._find(a[0]), self._find(b[0])
        if ra != rb:
            self.parent[rb] = ra

    def roots(self, canonical: bool) -> dict[str, str]:
        """Each document's group root: the first by ``root_key``, among the pages another
        member names as canonical if there are any and ``canonical`` (duplicate groups)."""
        members: dict[str, list[tuple]] = defaultdict(list)
        for doc_id, node in self.nodes.items():
            members[self._find(doc_id)].append(node)
        out = {}
        for group in members.values():
            named = named_pages([{"id": n[0], "url": n[7], "canonical_url": n[8]}
                                 for n in group]) if canonical else set()
            first = min([n for n in group if n[0] in named] or group, key=lambda n: root_key(
                {"published": n[1], "word_count": n[2], "content_hash": n[3], "id": n[4],
                 "credited": n[6]}))
            out.update((node[0], first[0]) for node in group)
        return out


def links_from(edges: Iterable[tuple]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(duplicate_of, story_id, shard) by document id, for the documents that have a link."""
    groups, stories = Components(), Components()
    shards: dict[str, str] = {}
    for _tag, kind, a, b in edges:
        if kind != "story":
            groups.join(a, b)
        stories.join(a, b)
        shards[a[0]], shards[b[0]] = a[5], b[5]
    duplicate_of = {doc: root for doc, root in groups.roots(True).items() if doc != root}
    return duplicate_of, stories.roots(False), shards


# Shards whose linking metadata one partition holds at most: few enough that a partition of
# Common Crawl shards (tens of thousands of documents each) stays small in memory.
SHARDS_PER_PARTITION = 8


def partitions(client, shards: int) -> int:
    """Partitions of the linking stages: every shuffle's tasks grow with their square, so
    two per worker where the shards allow, more only where the shards need them."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    return max(1, min(shards, max(2 * workers, -(-shards // SHARDS_PER_PARTITION))))


def find_links(client, shard_files: list[tuple[int, str, str]], settings: DedupSettings,
               retries: int = 2) -> tuple[dict, dict, dict, list[tuple[str, str]]]:
    """Run the stages on the cluster: (duplicate_of, story_id, shard of each linked document,
    [(id, shard) of each repeat from the same source, to leave out])."""
    import dask.bag as db

    if not shard_files:
        return {}, {}, {}, []
    parts = partitions(client, len(shard_files))
    records = db.from_sequence(shard_files, npartitions=parts).map_partitions(load_meta)
    exact = records.groupby(lambda r: r["content_hash"], shuffle="tasks").map(exact_groups) \
        .flatten()
    firsts = exact.filter(lambda item: item[0] == "first").map(lambda item: item[1])
    pairs = firsts.map(bucket_keys).flatten() \
        .groupby(lambda kv: kv[0], shuffle="tasks") \
        .map(lambda group: (group[0], [node for _, node in group[1]])) \
        .map(bucket_pairs, settings.min_words).flatten()
    candidates = pairs.frequencies() \
        .groupby(lambda pc: (pc[0][0], pc[0][1]), shuffle="tasks") \
        .map(lambda group: (group[0], [(pc[0][2], pc[1]) for pc in group[1]])) \
        .map(rank, settings.min_words).flatten()
    confirmed = candidates.groupby(lambda p: p[1][5], shuffle="tasks").map(attach_later_texts) \
        .flatten().groupby(lambda p: p[2][5], shuffle="tasks").map(confirm, settings).flatten()
    copies = exact.filter(lambda item: item[0] in ("edge", "unchanged"))
    exact_items, near_edges = client.gather(client.compute([copies, confirmed],
                                                           retries=retries))
    unchanged = [(item[1], item[2]) for item in exact_items if item[0] == "unchanged"]
    edges = [item for item in exact_items if item[0] == "edge"] + list(near_edges)
    duplicate_of, story_id, shards = links_from(edges)
    return duplicate_of, story_id, shards, unchanged
