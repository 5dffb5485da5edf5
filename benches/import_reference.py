# The reference `cargo bench --bench bulk` times `twofa user import` against: what a
# competent script would write to do the same import with Python's sqlite3 module, into a
# copy of the same empty twofa database (same tables and indexes), in one transaction.
#
# For each CSV row it writes the same rows twofa writes: the user, their memberships (groups
# created on first sight), an HMAC-SHA256 tag over the user's rows like twofa's integrity
# tag, and one hash-chained, keyed audit record (HMAC-SHA256 over the previous hash and
# the record's fields, length-prefixed, as src/audit.rs chains them); one audit record per
# group created too. It checks less than twofa does (no username, address or phone rules),
# which only makes it faster.
#
# usage: python3 import_reference.py DB CSV
import csv
import hashlib
import hmac
import json
import os
import sqlite3
import struct
import sys
import time

db_path, csv_path = sys.argv[1], sys.argv[2]
key = os.urandom(32)


def tag(domain, parts):
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for p in [domain.encode()] + parts:
        mac.update(struct.pack(">Q", len(p)))
        mac.update(p)
    return mac.digest()


def enc(v):
    if v is None:
        return b"\x00" + struct.pack(">Q", 0)
    if isinstance(v, int):
        b = struct.pack(">q", v)
        return b"\x01" + struct.pack(">Q", len(b)) + b
    b = v.encode()
    return b"\x03" + struct.pack(">Q", len(b)) + b


conn = sqlite3.connect(db_path, isolation_level=None)
conn.execute("PRAGMA synchronous = NORMAL")
conn.execute("PRAGMA foreign_keys = ON")
cur = conn.cursor()
cur.execute("BEGIN IMMEDIATE")
now = int(time.time())
row = cur.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
audit_id, prev = row if row else (0, "0" * 64)


def audit(action, username, detail):
    global audit_id, prev
    audit_id += 1
    detail = json.dumps(detail, separators=(",", ":"))
    flag = lambda v: b"1" if v is not None else b"0"
    h = tag(
        "twofa audit v2",
        [
            prev.encode(),
            struct.pack(">q", audit_id),
            struct.pack(">q", now),
            b"import",
            b"user.create" if action == "user.create" else action.encode(),
            flag(username),
            (username or "").encode(),
            b"success",
            b"0",
            b"",
            detail.encode(),
        ],
    ).hex()
    cur.execute(
        "INSERT INTO audit (id, at, actor, action, username, outcome, source, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (audit_id, now, "import", action, username, "success", None, detail, prev, h),
    )
    prev = h


groups = {}
with open(csv_path, newline="") as f:
    for r in csv.DictReader(f):
        name = r["username"]
        email = r.get("email") or None
        phone = r.get("phone") or None
        names = [g for g in (r.get("groups") or "").split(";") if g]
        ids = []
        for g in names:
            gid = groups.get(g)
            if gid is None:
                cur.execute("INSERT INTO groups (name, created_at) VALUES (?, ?)", (g, now))
                gid = groups[g] = cur.lastrowid
                audit("group.create", None, {"group": g, "by": "import"})
            ids.append(gid)
        cur.execute(
            "INSERT INTO users (username, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (name, email, phone, now, now),
        )
        uid = cur.lastrowid
        for gid in ids:
            cur.execute(
                "INSERT INTO memberships (user_id, group_id, added_at) VALUES (?, ?, ?)",
                (uid, gid, now),
            )
        state = b"row" + enc(uid) + enc(name) + enc(email) + enc(phone) + enc(0) + enc(None) + enc(None)
        state += b"".join(b"row" + enc(g) for g in sorted(ids)) + struct.pack(">Q", len(ids))
        cur.execute("UPDATE users SET tag = ? WHERE id = ?", (tag("twofa user v1", [state]), uid))
        audit(
            "user.create",
            name,
            {"by": "import", "email": email is not None, "phone": phone is not None,
             "groups": names, "password": False},
        )
cur.execute("COMMIT")
conn.close()
