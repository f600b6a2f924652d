#!/usr/bin/env python3
"""Independent test vectors for hashSecret/verifySecret.

Computes the OpenLDAP slappasswd layout ({SSHA} = SHA-1, {SSHA256} = SHA-256,
payload = base64(digest(utf8(password) + salt) + salt)) with Python's hashlib
and base64 only -- no code from this repository. Regenerate with:

    python3 test/secret/make-vectors.py > test/secret/vectors.json
"""
import base64
import hashlib
import json

PASSWORDS = [
    "",
    "secret",
    "correct horse battery staple",
    "p\u00e4ssw\u00f6rd",          # NFC a-umlaut, o-umlaut
    "pa\u0308ssw\u00f6rd",         # NFD a + combining diaeresis: must differ from NFC
    "\u65e5\u672c\u8a9e\u30d1\u30b9",  # Japanese
    "\U0001f511 key \U0001f600",   # astral code points (surrogate pairs in UTF-16)
    "\u00df\u03a9\u0416\u05d0",     # sharp s, Greek, Cyrillic, Hebrew
]

SALTS = [
    bytes.fromhex("a1b2c3d4"),
    bytes.fromhex("0001feff7f80c0de"),
    bytes.fromhex("000102030405060708090a0b0c0d0e0f"),
]

ALGORITHMS = {"SSHA": hashlib.sha1, "SSHA256": hashlib.sha256}
UNSALTED = {"SHA": hashlib.sha1, "SHA256": hashlib.sha256}


def main() -> None:
    vectors = []
    for algorithm, fn in ALGORITHMS.items():
        for password in PASSWORDS:
            for salt in SALTS:
                digest = fn(password.encode("utf-8") + salt).digest()
                vectors.append({
                    "algorithm": algorithm,
                    "password": password,
                    "saltHex": salt.hex(),
                    "stored": "{%s}%s" % (algorithm, base64.b64encode(digest + salt).decode("ascii")),
                })
    unsalted = []
    for scheme, fn in UNSALTED.items():
        for password in PASSWORDS:
            digest = fn(password.encode("utf-8")).digest()
            unsalted.append({
                "scheme": scheme,
                "password": password,
                "stored": "{%s}%s" % (scheme, base64.b64encode(digest).decode("ascii")),
            })
    print(json.dumps({
        "generator": "python3 test/secret/make-vectors.py > test/secret/vectors.json",
        "salted": vectors,
        "unsalted": unsalted,
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
