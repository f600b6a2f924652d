#!/usr/bin/python3
"""Independent test vectors for hashSecret/verifySecret, made outside the project.

No code from this repository is used. Every stored value comes from a producer
that is not this library:

* ``salted`` / ``unsalted``: the OpenLDAP slappasswd layout ({SSHA} = SHA-1,
  {SSHA256} = SHA-256, payload = base64(digest(utf8(password) + salt) + salt))
  computed with Python's hashlib and base64 only; hashSecret must reproduce
  them byte for byte.
* ``reproducible``: bcrypt, PBKDF2 and Argon2id values made with a given salt
  and given parameters by python3-bcrypt, passlib, argon2-cffi, the argon2
  reference CLI and hashlib, in the one form per scheme that hashSecret writes
  ($2b$, {PBKDF2-SHA256}/{PBKDF2-SHA512}, $argon2id$v=19$); hashSecret must
  reproduce them byte for byte.
* ``foreign``: values in every other accepted form ($2a$, $2y$, passlib's
  $pbkdf2…$, OpenLDAP's {PBKDF2…}, Argon2 v=16, passlib's and slappasswd's
  {SSHA…}), some with random salts (slappasswd, libsodium), which
  verifySecret must accept.

Producers (Debian 12 packages; run as root):

    apt-get install -y python3-passlib python3-argon2 python3-bcrypt python3-nacl argon2 \\
        libltdl7 libwrap0
    # slappasswd and OpenLDAP's pw-pbkdf2 / pw-sha2 modules, unpacked without
    # installing (and so without starting) slapd:
    cd /tmp && apt-get download slapd slapd-contrib
    mkdir -p /tmp/openldap && for d in slapd_*.deb slapd-contrib_*.deb; do dpkg-deb -x "$d" /tmp/openldap; done

Regenerate (Debian's interpreter, where those packages live):

    OPENLDAP_ROOT=/tmp/openldap /usr/bin/python3 test/secret/make-vectors.py > test/secret/vectors.json

Values with a given salt come out the same on every run; those of slappasswd
and libsodium get fresh random salts each time.
"""
import base64
import hashlib
import json
import os
import subprocess
import sys

# passlib's own pure-Python bcrypt, independent of python3-bcrypt's C code.
os.environ["PASSLIB_BUILTIN_BCRYPT"] = "enabled"

try:
    import argon2
    import bcrypt
    import nacl.pwhash
    import passlib
    from passlib import hash as passlib_hash
except ImportError as missing:
    sys.exit(f"missing producer ({missing}); see the installation steps at the top of this script")

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

# Longer than bcrypt's 72 bytes, an HMAC-SHA-256 block (64) and an HMAC-SHA-512 block (128).
LONG_PASSWORDS = [
    "x" * 72 + "-and-more-that-bcrypt-ignores",
    "\u00e4" * 40 + " two-byte characters past byte 72",
    "long " * 30,
]

SALTS = [
    bytes.fromhex("a1b2c3d4"),
    bytes.fromhex("0001feff7f80c0de"),
    bytes.fromhex("000102030405060708090a0b0c0d0e0f"),
]

SALT16 = [
    bytes.fromhex("000102030405060708090a0b0c0d0e0f"),
    bytes.fromhex("f0e1d2c3b4a5968778695a4b3c2d1e0f"),
]

ALGORITHMS = {"SSHA": hashlib.sha1, "SSHA256": hashlib.sha256}
UNSALTED = {"SHA": hashlib.sha1, "SHA256": hashlib.sha256}


def ab64(data: bytes) -> str:
    """passlib's and OpenLDAP's adapted base64: '.' for '+', no padding."""
    return base64.b64encode(data).decode("ascii").rstrip("=").replace("+", ".")


def b64_unpadded(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def bcrypt64(data: bytes) -> str:
    """bcrypt's base64 alphabet, no padding."""
    std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    bc = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return b64_unpadded(data).translate(str.maketrans(std, bc))


def salted_sha():
    salted, unsalted = [], []
    for algorithm, fn in ALGORITHMS.items():
        for password in PASSWORDS:
            for salt in SALTS:
                digest = fn(password.encode("utf-8") + salt).digest()
                salted.append({
                    "algorithm": algorithm,
                    "password": password,
                    "saltHex": salt.hex(),
                    "stored": "{%s}%s" % (algorithm, base64.b64encode(digest + salt).decode("ascii")),
                })
    for scheme, fn in UNSALTED.items():
        for password in PASSWORDS:
            digest = fn(password.encode("utf-8")).digest()
            unsalted.append({
                "scheme": scheme,
                "password": password,
                "stored": "{%s}%s" % (scheme, base64.b64encode(digest).decode("ascii")),
            })
    return salted, unsalted


def bcrypt_vectors(reproducible, foreign):
    producer = f"python3-bcrypt {bcrypt.__version__}"
    builtin = passlib_hash.bcrypt
    builtin.set_backend("builtin")
    for i, password in enumerate(PASSWORDS + LONG_PASSWORDS):
        salt = SALT16[i % 2]
        cost = 4 if i % 3 else 5
        setting = f"$2b${cost:02d}${bcrypt64(salt)[:22]}".encode("ascii")
        stored = bcrypt.hashpw(password.encode("utf-8"), setting).decode("ascii")
        reproducible.append({
            "algorithm": "bcrypt", "producer": producer, "password": password,
            "saltHex": salt.hex(), "parameters": {"cost": cost}, "stored": stored,
        })
        foreign.append({
            "scheme": "bcrypt $2a$", "producer": producer, "password": password,
            "stored": bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(4, prefix=b"2a")).decode("ascii"),
        })
        ident = ["2y", "2a", "2b"][i % 3]
        other = SALT16[(i + 1) % 2]
        entry = {
            "producer": f"passlib {passlib.__version__} (builtin bcrypt)", "password": password,
            "stored": builtin.using(rounds=4, ident=ident, salt=bcrypt64(other)[:22]).hash(password),
        }
        if ident == "2b":
            reproducible.append({"algorithm": "bcrypt", **entry, "saltHex": other.hex(), "parameters": {"cost": 4}})
        else:
            foreign.append({"scheme": f"bcrypt ${ident}$", **entry})


def pbkdf2_vectors(reproducible, foreign):
    passlib_producer = f"passlib {passlib.__version__}"
    hashlib_producer = "hashlib.pbkdf2_hmac"
    digests = [("sha256", 32, "{PBKDF2-SHA256}", "SHA-256"), ("sha512", 64, "{PBKDF2-SHA512}", "SHA-512")]
    for i, password in enumerate(PASSWORDS + LONG_PASSWORDS):
        name, size, prefix, digest = digests[i % 2]
        rounds = [1, 2, 1000][i % 3]
        salt = SALT16[i % 2]
        # The form hashSecret writes, built here from hashlib ...
        dk = hashlib.pbkdf2_hmac(name, password.encode("utf-8"), salt, rounds, size)
        reproducible.append({
            "algorithm": "PBKDF2", "producer": hashlib_producer, "password": password,
            "saltHex": salt.hex(),
            "parameters": {"digest": digest, "iterations": rounds, "keyLength": size},
            "stored": f"{prefix}{rounds}${ab64(salt)}${ab64(dk)}",
        })
        # ... and by passlib's LDAP wrappers.
        handler = getattr(passlib_hash, f"ldap_pbkdf2_{name}")
        reproducible.append({
            "algorithm": "PBKDF2", "producer": passlib_producer, "password": password,
            "saltHex": salt.hex(),
            "parameters": {"digest": digest, "iterations": rounds, "keyLength": size},
            "stored": handler.using(rounds=rounds, salt=salt).hash(password),
        })
        # passlib's own forms, SHA-1 included, with other salt lengths.
        for scheme in ["pbkdf2_sha1", "pbkdf2_sha256", "pbkdf2_sha512", "ldap_pbkdf2_sha1"]:
            other_salt = [b"", SALTS[0], SALTS[1], salt][(i + len(scheme)) % 4]
            foreign.append({
                "scheme": scheme, "producer": passlib_producer, "password": password,
                "stored": getattr(passlib_hash, scheme).using(rounds=rounds + 1, salt=other_salt).hash(password),
            })


def argon2_vectors(reproducible, foreign):
    cffi = f"argon2-cffi {argon2.__version__}"
    settings = [(8, 1, 1, 32), (64, 2, 2, 16), (256, 3, 4, 32), (1024, 1, 1, 64)]
    for i, password in enumerate(PASSWORDS + LONG_PASSWORDS):
        m, t, p, length = settings[i % len(settings)]
        salt = SALT16[i % 2] if i % 3 else SALTS[1]  # 16 bytes, or the 8-byte minimum
        stored = argon2.low_level.hash_secret(
            password.encode("utf-8"), salt, time_cost=t, memory_cost=m, parallelism=p,
            hash_len=length, type=argon2.low_level.Type.ID,
        ).decode("ascii")
        reproducible.append({
            "algorithm": "ARGON2ID", "producer": cffi, "password": password, "saltHex": salt.hex(),
            "parameters": {"memory": m, "iterations": t, "parallelism": p, "hashLength": length},
            "stored": stored,
        })
        # The CLI reads the password from stdin; it refuses an empty one and one over 127 bytes.
        if 0 < len(password.encode("utf-8")) <= 127:
            cli_salt = b"cli-salt-" + bytes([0x61 + i])
            for version in ["13", "10"]:
                out = subprocess.run(
                    ["argon2", cli_salt.decode("ascii"), "-id", "-t", str(t), "-k", str(max(m, 8 * p)),
                     "-p", str(p), "-l", str(length), "-v", version, "-e"],
                    input=password.encode("utf-8"), capture_output=True, check=True,
                ).stdout.decode("ascii").strip()
                entry = {
                    "producer": "argon2 reference CLI", "password": password, "stored": out,
                }
                if version == "13":
                    reproducible.append({
                        "algorithm": "ARGON2ID", **entry, "saltHex": cli_salt.hex(),
                        "parameters": {"memory": max(m, 8 * p), "iterations": t, "parallelism": p,
                                       "hashLength": length},
                    })
                else:
                    foreign.append({"scheme": "argon2id v=16", **entry})
        foreign.append({
            "scheme": "argon2id", "producer": "libsodium (python3-nacl)", "password": password,
            "stored": nacl.pwhash.argon2id.str(
                password.encode("utf-8"), opslimit=1 + i % 2, memlimit=65536,
            ).decode("ascii"),
        })


def openldap_vectors(foreign):
    root = os.environ.get("OPENLDAP_ROOT")
    if not root:
        sys.exit("set OPENLDAP_ROOT to the unpacked slapd and slapd-contrib packages (see the top of this script)")
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(root, "usr/lib/x86_64-linux-gnu"))
    slappasswd = os.path.join(root, "usr/sbin/slappasswd")
    modules = os.path.join(root, "usr/lib/ldap")
    schemes = [
        ("{SSHA}", []),
        ("{SSHA256}", ["-o", "module-load=pw-sha2.so"]),
        ("{PBKDF2}", ["-o", "module-load=pw-pbkdf2.so"]),
        ("{PBKDF2-SHA1}", ["-o", "module-load=pw-pbkdf2.so"]),
        ("{PBKDF2-SHA256}", ["-o", "module-load=pw-pbkdf2.so"]),
        ("{PBKDF2-SHA512}", ["-o", "module-load=pw-pbkdf2.so"]),
    ]
    for scheme, load in schemes:
        for password in [p for p in PASSWORDS if p][:4]:
            out = subprocess.run(
                [slappasswd, "-o", f"module-path={modules}", *load, "-h", scheme, "-s", password],
                env=env, capture_output=True, check=True,
            ).stdout.decode("ascii").strip()
            foreign.append({"scheme": scheme, "producer": "OpenLDAP 2.5 slappasswd", "password": password,
                            "stored": out})


def passlib_ssha_vectors(foreign):
    for name in ["ldap_salted_sha1", "ldap_salted_sha256"]:
        for i, password in enumerate(PASSWORDS):
            foreign.append({
                "scheme": name, "producer": f"passlib {passlib.__version__}", "password": password,
                "stored": getattr(passlib_hash, name).using(salt_size=4 + 4 * (i % 3)).hash(password),
            })


def main() -> None:
    salted, unsalted = salted_sha()
    reproducible, foreign = [], []
    bcrypt_vectors(reproducible, foreign)
    pbkdf2_vectors(reproducible, foreign)
    argon2_vectors(reproducible, foreign)
    openldap_vectors(foreign)
    passlib_ssha_vectors(foreign)
    print(json.dumps({
        "generator": "OPENLDAP_ROOT=/tmp/openldap /usr/bin/python3 test/secret/make-vectors.py > test/secret/vectors.json",
        "salted": salted,
        "unsalted": unsalted,
        "reproducible": reproducible,
        "foreign": foreign,
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
