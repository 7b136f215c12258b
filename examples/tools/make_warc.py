#!/usr/bin/env python3
"""Build examples/corpus/warc/danube-spill-crawl.warc.gz from the HTML sources
in examples/tools/warc-src/.

Standard library only. The output is deterministic: fixed dates, fixed record
ids, and every record written as its own gzip member with mtime=0 (a
multi-member gzip file, as real .warc.gz files are).

Usage:  python3 examples/tools/make_warc.py [output-path]
"""

import base64
import gzip
import hashlib
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "warc-src")
DEFAULT_OUT = os.path.join(HERE, "..", "corpus", "warc", "danube-spill-crawl.warc.gz")
WARC_FILENAME = "danube-spill-crawl.warc.gz"

WARCINFO_ID = "<urn:uuid:6f1c2a4e-0b5d-4c1e-9a57-3d2e8b7c0001>"
WARCINFO_DATE = "2026-03-21T08:00:00Z"

# (source file, target URI, fetch date, HTTP Date header, request id, response id)
CAPTURES = [
    (
        "bargeandlock-2026-03-19-low-water-routing.html",
        "https://bargeandlock.example/fairways/2026/03/19/silver-heron-low-water-routing",
        "2026-03-21T08:01:12Z",
        "Sat, 21 Mar 2026 08:01:12 GMT",
        "<urn:uuid:6f1c2a4e-0b5d-4c1e-9a57-3d2e8b7c0002>",
        "<urn:uuid:6f1c2a4e-0b5d-4c1e-9a57-3d2e8b7c0003>",
    ),
    (
        "giurgiulantern-2026-03-20-intake-reopens.html",
        "https://giurgiulantern.example/river/2026/03/20/intake-reopens-three-clean-samples",
        "2026-03-21T08:02:47Z",
        "Sat, 21 Mar 2026 08:02:47 GMT",
        "<urn:uuid:6f1c2a4e-0b5d-4c1e-9a57-3d2e8b7c0004>",
        "<urn:uuid:6f1c2a4e-0b5d-4c1e-9a57-3d2e8b7c0005>",
    ),
]


def sha1_digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record(headers, block: bytes) -> bytes:
    """Serialise one WARC record (headers + block + the two trailing CRLFs)."""
    lines = ["WARC/1.0"]
    for name, value in headers:
        lines.append(f"{name}: {value}")
    lines.append(f"WARC-Block-Digest: {sha1_digest(block)}")
    lines.append(f"Content-Length: {len(block)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    return head + block + b"\r\n\r\n"


def gzip_member(data: bytes) -> bytes:
    """One gzip member with a fixed header (no file name, mtime 0)."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    return buf.getvalue()


def build() -> list:
    records = []
    info = (
        "software: ClaimTrace examples make_warc.py\r\n"
        "format: WARC File Format 1.0\r\n"
        "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
        "description: Fictional articles about the Silver Heron spill, written for the ClaimTrace example corpus\r\n"
        "robots: ignore\r\n"
    ).encode("utf-8")
    records.append(record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", WARCINFO_DATE),
        ("WARC-Filename", WARC_FILENAME),
        ("WARC-Record-ID", WARCINFO_ID),
        ("Content-Type", "application/warc-fields"),
    ], info))

    for src, uri, date, http_date, req_id, resp_id in CAPTURES:
        with open(os.path.join(SRC, src), "rb") as f:
            body = f.read()
        host = uri.split("/")[2]
        path = "/" + uri.split("/", 3)[3]
        request = (
            f"GET {path} HTTP/1.1\r\n"
            f"Host: {host}\r\n"
            "User-Agent: ClaimTrace-example-crawler/1.0\r\n"
            "Accept: text/html,application/xhtml+xml\r\n"
            "Accept-Encoding: identity\r\n"
            "Connection: close\r\n"
            "\r\n"
        ).encode("ascii")
        response_head = (
            "HTTP/1.1 200 OK\r\n"
            f"Date: {http_date}\r\n"
            "Server: nginx\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Connection: close\r\n"
            "\r\n"
        ).encode("ascii")
        response = response_head + body
        records.append(record([
            ("WARC-Type", "request"),
            ("WARC-Target-URI", uri),
            ("WARC-Date", date),
            ("WARC-Record-ID", req_id),
            ("WARC-Warcinfo-ID", WARCINFO_ID),
            ("WARC-Concurrent-To", resp_id),
            ("Content-Type", "application/http; msgtype=request"),
        ], request))
        records.append(record([
            ("WARC-Type", "response"),
            ("WARC-Target-URI", uri),
            ("WARC-Date", date),
            ("WARC-Record-ID", resp_id),
            ("WARC-Warcinfo-ID", WARCINFO_ID),
            ("WARC-IP-Address", "192.0.2.10"),
            ("WARC-Payload-Digest", sha1_digest(body)),
            ("Content-Type", "application/http; msgtype=response"),
        ], response))
    return records


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "wb") as f:
        for rec in build():
            f.write(gzip_member(rec))
    print(f"wrote {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
