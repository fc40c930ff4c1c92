"""A URL list's lines that are no URL are failures of the list that name their line."""

from __future__ import annotations

from harvester.sources.feeds import Listing, ListingFile, url_list_entries


def test_lines_that_are_not_urls_are_reported_with_their_number():
    listing, file = Listing(), ListingFile("/data/list.txt", "urls")
    url_list_entries("https://a.example/1\n# note\n\nnot a url\nftp://b.example/x\n"
                     "https://a.example/2\n", None, listing, file)
    assert [entry.url for entry in listing.entries] == ["https://a.example/1",
                                                        "https://a.example/2"]
    messages = [str(failed.error) for failed in listing.failures]
    assert messages == ["/data/list.txt: line 4: 'not a url' is not a URL",
                        "/data/list.txt: line 5: 'ftp://b.example/x' is not a URL"]
    assert {failed.error.reason for failed in listing.failures} == {"bad_url_line"}
    assert all(failed.file is file for failed in listing.failures)
