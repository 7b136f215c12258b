#!/usr/bin/env python3
"""Sanity checks for the ClaimTrace example corpus (standard library only).

Checks that every file parses in its format (multi-member WARC.gz with exact
Content-Lengths, JSON Lines, cp1252 HTML, RSS/Atom XML, expected.json), and
cross-checks expected.json against a deliberately simple, corpus-specific
extraction of titles, authors, comment threads and first/last body words.
It is a check on the test data, not a reference implementation.

Usage:  python3 examples/tools/check_corpus.py
"""

import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")
EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "expected.json")
NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "a": "http://www.w3.org/2005/Atom",
}
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def words(text):
    return text.split()


def first_last(text):
    w = words(text)
    return " ".join(w[:8]), " ".join(w[-8:])


def strip_tags(fragment):
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def path(rel):
    return os.path.join(ROOT, rel)


# ---------------------------------------------------------------- extractors

def read_wire(rel):
    lines = open(path(rel), encoding="utf-8").read().split("\n")
    title = lines[0]
    author = lines[1][3:]
    body = []
    for line in lines[3:]:
        if line.startswith("©"):
            break
        body.append(line)
    return dict(title=title, authors=[author], body=" ".join(body), comments=[], empty=0)


def read_markdown(rel):
    text = open(path(rel), encoding="utf-8").read()
    lines = text.split("\n")
    title = lines[0][2:]
    author = re.match(r"By \[([^\]]+)\]", lines[2]).group(1)
    body_lines = []
    for line in lines[8:]:
        if line.strip() == "\\*":
            break
        body_lines.append(line)
    body = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", " ".join(body_lines))
    return dict(title=title, authors=[author], body=body, comments=[], empty=0)


def read_blog(rel):
    paras = open(path(rel), encoding="utf-8").read().split("\n\n")
    title = paras[0].strip()
    body, comments, empty = [], [], 0
    current = None  # [author, [paragraphs]]
    headers = []
    for p in paras[1:]:
        p = p.strip()
        if not p:
            continue
        if p.endswith("'s picture") and "\n" not in p:
            headers.append([p[: -len("'s picture")], []])
            continue
        if headers:
            headers[-1][1].append(p)
        else:
            body.append(p)
    for author, texts in headers:
        if texts:
            comments.append(author)
        else:
            empty += 1
    check(len(headers) >= 8, f"{rel}: fewer than 8 comment headers")
    return dict(title=title, authors=[], body=" ".join(body), comments=comments, empty=empty)


def html_article(doc, end_marker):
    title = strip_tags(re.search(r"<h1>(.*?)</h1>", doc, re.S).group(1)).strip()
    author = strip_tags(re.search(r'<p class="byline">By (.*?)</p>', doc, re.S).group(1)).strip()
    body = re.search(r'<p class="dateline">.*?</p>(.*?)' + end_marker, doc, re.S).group(1)
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    return title, author, strip_tags(body)


def read_html(rel):
    raw = open(path(rel), "rb").read()
    doc = raw.decode("cp1252")  # raises if not valid cp1252
    check(b"\xe9" in raw, f"{rel}: no cp1252 e-acute byte")
    check(b"\x93" in raw and b"\x94" in raw, f"{rel}: no cp1252 curly double quotes")
    check("charset=\"windows-1252\"" in doc, f"{rel}: meta charset missing")
    check("</div>" in re.search(r"<script>(.*?)</script>", doc, re.S).group(1), f"{rel}: script lacks </div>")
    title, author, body = html_article(doc, r'<div id="promo-slot">')
    authors = [strip_tags(a).strip() for a in re.findall(r'<span class="comment-author">(.*?)</span>', doc, re.S)]
    check("originally published in" in doc, f"{rel}: no 'originally published in'")
    return dict(title=title, authors=[author], body=body, comments=authors, empty=0)


def read_jsonl(rel):
    out = {}
    with open(path(rel), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            r = json.loads(line)
            if "maintext" in r:
                out[n] = dict(title=r["title"], authors=r["authors"], body=r["maintext"], comments=[], empty=0)
            else:
                text = r["text"].split("\n\nShare this article")[0]
                out[n] = dict(title=r["title"], authors=[], body=text, comments=[], empty=0)
    return out


def read_warc(rel):
    data = open(path(rel), "rb").read()
    members = []
    while data:
        d = zlib.decompressobj(31)
        members.append(d.decompress(data) + d.flush())
        data = d.unused_data
    check(len(members) == 5, f"{rel}: expected 5 gzip members, got {len(members)}")
    out = {}
    for m in members:
        head, rest = m.split(b"\r\n\r\n", 1)
        fields = dict(l.split(": ", 1) for l in head.decode("utf-8").split("\r\n")[1:])
        n = int(fields["Content-Length"])
        check(rest[n:] == b"\r\n\r\n", f"{rel}: Content-Length mismatch in {fields['WARC-Record-ID']}")
        if fields["WARC-Type"] != "response":
            continue
        http_head, body = rest[:n].split(b"\r\n\r\n", 1)
        check(http_head.startswith(b"HTTP/1.1 200"), f"{rel}: not a 200 response")
        declared = int(re.search(rb"Content-Length: (\d+)", http_head).group(1))
        check(declared == len(body), f"{rel}: HTTP Content-Length mismatch")
        doc = body.decode("utf-8")
        title, author, text = html_article(doc, r"</article>")
        out[fields["WARC-Target-URI"]] = dict(title=title, authors=[author], body=text, comments=[], empty=0)
    return out


def read_rss(rel):
    out = {}
    for item in ET.parse(path(rel)).getroot().iter("item"):
        content = item.find("content:encoded", NS).text
        content = content.split("<p>Share this post")[0]
        out[item.find("link").text] = dict(
            title=item.find("title").text, authors=[item.find("dc:creator", NS).text],
            body=strip_tags(content), comments=[], empty=0)
    return out


def read_atom(rel):
    out = {}
    for e in ET.parse(path(rel)).getroot().findall("a:entry", NS):
        content = e.find("a:content", NS).text.split("<p>Tips?")[0]
        out[e.find("a:link", NS).get("href")] = dict(
            title=e.find("a:title", NS).text, authors=[e.find("a:author/a:name", NS).text],
            body=strip_tags(content), comments=[], empty=0)
    return out


# ---------------------------------------------------------------- main

def main():
    expected = json.load(open(EXPECTED, encoding="utf-8"))
    cache = {}
    kinds = {"share", "note-to-readers", "featured-image", "book-promo", "membership", "comment-prompt",
             "copyright", "republication", "disclaimer", "fair-use", "contact", "author-bio",
             "navigation", "related", "byline", "dateline"}
    for e in expected:
        rel = e["file"]
        if rel not in cache:
            if rel.startswith("wire/"):
                cache[rel] = {None: read_wire(rel)}
            elif rel.endswith(".md"):
                cache[rel] = {None: read_markdown(rel)}
            elif rel.startswith("blog/"):
                cache[rel] = {None: read_blog(rel)}
            elif rel.endswith(".html"):
                cache[rel] = {None: read_html(rel)}
            elif rel.endswith(".jsonl"):
                cache[rel] = read_jsonl(rel)
            elif rel.endswith(".warc.gz"):
                cache[rel] = read_warc(rel)
            elif rel.endswith(".rss"):
                cache[rel] = read_rss(rel)
            elif rel.endswith(".atom"):
                cache[rel] = read_atom(rel)
        got = cache[rel].get(e["record"])
        tag = f"{rel} [{e['record']}]"
        if got is None:
            check(False, f"{tag}: record not found")
            continue
        first, last = first_last(got["body"])
        n = len(words(got["body"]))
        check(300 <= n <= 900, f"{tag}: body has {n} words")
        check(got["title"] == e["title"], f"{tag}: title {got['title']!r}")
        check(got["authors"] == e["authors"], f"{tag}: authors {got['authors']!r}")
        check(got["comments"] == e["comment_authors"], f"{tag}: comments {got['comments']!r}")
        check(got["empty"] == e["empty_comment_headers"], f"{tag}: empty headers {got['empty']}")
        check(first == e["body_first_words"], f"{tag}: first words {first!r}")
        check(last == e["body_last_words"], f"{tag}: last words {last!r}")
        check(set(e["boilerplate_kinds"]) <= kinds, f"{tag}: unknown boilerplate kind")
        print(f"{tag}: {n} words")
    # every record in every file is listed in expected.json
    listed = {(e["file"], e["record"]) for e in expected}
    for rel, recs in cache.items():
        for key in recs:
            check((rel, key) in listed, f"{rel} [{key}]: record missing from expected.json")
    if failures:
        print("\nFAILURES:")
        for f in failures:
            print(" -", f)
        sys.exit(1)
    print(f"\nall checks passed ({len(expected)} documents)")


if __name__ == "__main__":
    main()
