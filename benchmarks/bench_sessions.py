"""Sessions: SDK overhead over the cryptography it contains, measured side by side in one run.

Targets (issue 6): ``verify_access_token`` with warm keys <= 2x the bare RSA verify it
contains; ``unseal`` of a 2 KB cookie <= 2x the bare decrypt it contains.

What each baseline includes (everything is prepared outside the timed loop):

* **bare RSA verify** — one ``RSAPublicKey.verify(sig, signing_input, PKCS1v15(), SHA256())``
  on pre-decoded bytes, i.e. the single cryptography call at the heart of verification.
* **bare AES decrypt** — AES-256-CBC of the cookie's ciphertext (pre-decoded, key pre-derived):
  cipher context + update + finalize. The literal "AES decrypt" baseline.
* **bare iron crypto** — everything cryptographic an iron unseal *must* do, on pre-decoded
  bytes: two PBKDF2-SHA1 key derivations (one per salt: fixed by the wire format), the
  HMAC-SHA256, the constant-time compare, and the AES decrypt. No parsing, no base64, no JSON.

Subjects: ``verify_access_token`` (split, header JSON, alg/kid checks, base64url, RSA verify,
claims JSON, typed claims model, time checks), ``JWKSCache.verify`` warm (the same plus the
cache lookup, awaited in a running loop), and ``IronSealer.unseal`` (size check, split,
PBKDF2 x2, HMAC, compare, base64url, AES, unpad, JSON parse); ``unseal_bytes`` skips the JSON.

Each candidate runs ``--number`` times per round, rounds interleave the candidates, and the
table shows the best round's per-call time over ``--rounds`` rounds (see ``measure``). Run::

    .venv/bin/python benchmarks/bench_sessions.py [--rounds 200] [--number 200]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gc
import hashlib
import hmac
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from workos_async.sessions import (
    IronSealer,
    JWKSCache,
    KeySet,
    verify_access_token,
)

NOW = 1_750_000_000


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_token(key: rsa.RSAPrivateKey) -> str:
    """A token shaped like WorkOS's (claims from the docs and the emulator)."""
    header = {"alg": "RS256", "kid": "sso_oidc_key_pair_01HXYZABCDEFGHJKMNPQRSTVWX", "typ": "JWT"}
    claims = {
        "iss": "https://api.workos.com/user_management/client_01HXYZABCDEFGHJKMNPQRSTVWX",
        "sub": "user_01HXYZABCDEFGHJKMNPQRSTVWX",
        "sid": "session_01HXYZABCDEFGHJKMNPQRSTVWX",
        "jti": "01HXYZABCDEFGHJKMNPQRSTVWX",
        "org_id": "org_01HXYZABCDEFGHJKMNPQRSTVWX",
        "role": "admin",
        "roles": ["admin"],
        "permissions": ["users:read", "users:write", "billing:manage"],
        "entitlements": ["audit-logs", "sso"],
        "feature_flags": ["new-dashboard"],
        "exp": NOW + 300,
        "iat": NOW - 5,
    }
    head = b64url(json.dumps(header, separators=(",", ":")).encode())
    body = b64url(json.dumps(claims, separators=(",", ":")).encode())
    sig = key.sign(f"{head}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{head}.{body}.{b64url(sig)}"


def jwks_for(key: rsa.RSAPrivateKey) -> dict[str, Any]:
    numbers = key.public_key().public_numbers()
    return {
        "keys": [
            {
                "kty": "RSA",
                "use": "sig",
                "alg": "RS256",
                "kid": "sso_oidc_key_pair_01HXYZABCDEFGHJKMNPQRSTVWX",
                "n": b64url(numbers.n.to_bytes(256, "big")),
                "e": b64url(numbers.e.to_bytes(3, "big")),
            }
        ]
    }


def session_cookie(sealer: IronSealer, token: str, target: int = 2048) -> str:
    """A realistic session cookie (Node SDK shape), padded to ~``target`` characters."""
    user: dict[str, Any] = {
        "object": "user",
        "id": "user_01HXYZABCDEFGHJKMNPQRSTVWX",
        "email": "grace.hopper@example.com",
        "emailVerified": True,
        "firstName": "Grace",
        "lastName": "Hopper",
        "profilePictureUrl": None,
        "lastSignInAt": "2025-06-01T12:00:00.000Z",
        "externalId": None,
        "locale": "en-US",
        "metadata": {"note": ""},
        "createdAt": "2024-01-01T00:00:00.000Z",
        "updatedAt": "2025-06-01T12:00:00.000Z",
    }
    data = {"accessToken": token, "refreshToken": "r" * 25, "user": user}
    cookie = sealer.seal(data)
    while len(cookie) < target - 24:
        user["metadata"] = {"note": "x" * (len(user["metadata"]["note"]) + 16)}
        cookie = sealer.seal(data)
    return cookie


Candidate = tuple[Callable[[], Any], bool]  # (function, returns an awaitable)


def measure(candidates: dict[str, Candidate], rounds: int, number: int) -> dict[str, float]:
    """Best per-call seconds for each candidate: short rounds interleaved, minimum kept.

    Everything runs inside one event loop (so the awaited candidate is timed like the others).
    The machine is shared, so a round may be slowed by another process; the minimum over many
    short interleaved rounds is the figure least disturbed by that, and since every candidate
    gets the same treatment the ratios stay fair.
    """

    async def run() -> dict[str, float]:
        best = dict.fromkeys(candidates, float("inf"))
        for fn, is_async in candidates.values():  # warm-up
            for _ in range(number):
                if is_async:
                    await fn()
                else:
                    fn()
        gc.disable()
        try:
            for _ in range(rounds):
                for name, (fn, is_async) in candidates.items():
                    if is_async:
                        start = time.perf_counter()
                        for _ in range(number):
                            await fn()
                    else:
                        start = time.perf_counter()
                        for _ in range(number):
                            fn()
                    elapsed = (time.perf_counter() - start) / number
                    best[name] = min(best[name], elapsed)
        finally:
            gc.enable()
        return best

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--number", type=int, default=200)
    args = parser.parse_args()

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key()
    token = make_token(key)
    jwks = jwks_for(key)
    keyset = KeySet.from_jwks(jwks)
    clock = lambda: float(NOW)  # noqa: E731
    head, body, sig_text = token.split(".")
    signing_input = f"{head}.{body}".encode()
    signature = b64url_decode(sig_text)
    pkcs1, sha256 = padding.PKCS1v15(), hashes.SHA256()
    assert verify_access_token(token, keyset, clock=clock).sub.startswith("user_")

    password = "benchmark-cookie-password-at-least-32-chars"
    sealer = IronSealer(password)
    cookie = session_cookie(sealer, token)
    parts = cookie.removesuffix("~2").split("*")
    pw = password.encode()
    enc_key = hashlib.pbkdf2_hmac("sha1", pw, parts[2].encode(), 1, 32)
    iv, ciphertext = b64url_decode(parts[3]), b64url_decode(parts[4])
    mac_text = "*".join(parts[:6]).encode()
    mac_expected = parts[7].encode()
    enc_salt, mac_salt = parts[2].encode(), parts[6].encode()
    assert sealer.unseal(cookie)["accessToken"] == token

    def bare_rsa() -> None:
        public.verify(signature, signing_input, pkcs1, sha256)

    def bare_aes() -> bytes:
        d = Cipher(algorithms.AES(enc_key), modes.CBC(iv)).decryptor()
        return d.update(ciphertext) + d.finalize()

    def bare_iron_crypto() -> bytes:
        mac_key = hashlib.pbkdf2_hmac("sha1", pw, mac_salt, 1, 32)
        digest = b64url(hmac.digest(mac_key, mac_text, "sha256")).encode()
        if not hmac.compare_digest(digest, mac_expected):
            raise AssertionError
        key2 = hashlib.pbkdf2_hmac("sha1", pw, enc_salt, 1, 32)
        d = Cipher(algorithms.AES(key2), modes.CBC(iv)).decryptor()
        return d.update(ciphertext) + d.finalize()

    # Pure-Python RSASSA-PKCS1-v1_5 (pow + full encoding compare), to justify using cryptography.
    numbers = public.public_numbers()
    n, e, k = numbers.n, numbers.e, 256
    digest_info = bytes.fromhex("3031300d060960864801650304020105000420")

    def pure_python_rsa() -> None:
        em = pow(int.from_bytes(signature, "big"), e, n).to_bytes(k, "big")
        expected = (
            b"\x00\x01" + b"\xff" * (k - 3 - 19 - 32) + b"\x00" + digest_info
            + hashlib.sha256(signing_input).digest()
        )  # fmt: skip
        if em != expected:
            raise AssertionError

    pure_python_rsa()

    async def fetch() -> dict[str, Any]:
        return jwks

    cache_holder: dict[str, JWKSCache] = {}

    async def cache_verify() -> object:
        cache = cache_holder.get("c")
        if cache is None:  # created on first use, inside the running loop
            cache = cache_holder["c"] = JWKSCache(fetch, clock=clock)
        return await cache.verify(token)

    results = measure(
        {
            "bare RSA verify (cryptography)": (bare_rsa, False),
            "verify_access_token, warm KeySet": (
                lambda: verify_access_token(token, keyset, clock=clock),
                False,
            ),
            "JWKSCache.verify, warm (awaited)": (cache_verify, True),
            "pure-Python RSA verify (pow)": (pure_python_rsa, False),
            "bare AES-256-CBC decrypt": (bare_aes, False),
            "bare iron crypto (PBKDF2x2+HMAC+AES)": (bare_iron_crypto, False),
            "IronSealer.unseal, 2 KB cookie": (lambda: sealer.unseal(cookie), False),
            "IronSealer.unseal_bytes (no JSON)": (lambda: sealer.unseal_bytes(cookie), False),
        },
        args.rounds,
        args.number,
    )

    rsa_base = results["bare RSA verify (cryptography)"]
    aes_base = results["bare AES-256-CBC decrypt"]
    iron_base = results["bare iron crypto (PBKDF2x2+HMAC+AES)"]
    rows = [
        ("bare RSA verify (cryptography)", rsa_base, "1.00x RSA"),
        ("verify_access_token, warm KeySet", results["verify_access_token, warm KeySet"], None),
        ("JWKSCache.verify, warm (awaited)", results["JWKSCache.verify, warm (awaited)"], None),
        ("pure-Python RSA verify (pow)", results["pure-Python RSA verify (pow)"], None),
        ("bare AES-256-CBC decrypt", aes_base, "1.00x AES"),
        ("bare iron crypto (PBKDF2x2+HMAC+AES)", iron_base, None),
        ("IronSealer.unseal, 2 KB cookie", results["IronSealer.unseal, 2 KB cookie"], None),
        ("IronSealer.unseal_bytes (no JSON)", results["IronSealer.unseal_bytes (no JSON)"], None),
    ]
    print(
        f"Python {sys.version.split()[0]}, token {len(token)} chars, cookie {len(cookie)} chars, "
        f"{args.rounds} interleaved rounds x {args.number} calls, best round per call\n"
    )
    print("| candidate | µs/call | ratio |")
    print("| --- | ---: | --- |")
    for name, seconds, fixed in rows:
        if fixed is not None:
            ratio = fixed
        elif "RSA" in name or "verify" in name:
            ratio = f"{seconds / rsa_base:.2f}x RSA"
        else:
            ratio = f"{seconds / aes_base:.2f}x AES, {seconds / iron_base:.2f}x iron crypto"
        print(f"| {name} | {seconds * 1e6:.2f} | {ratio} |")
    verdict_verify = results["verify_access_token, warm KeySet"] / rsa_base
    verdict_unseal = results["IronSealer.unseal, 2 KB cookie"] / iron_base
    print(
        f"\nverify_access_token / bare RSA = {verdict_verify:.2f} "
        f"({'within' if verdict_verify <= 2 else 'OVER'} 2x)"
    )
    print(
        f"unseal / bare iron crypto = {verdict_unseal:.2f} "
        f"({'within' if verdict_unseal <= 2 else 'OVER'} 2x); "
        f"unseal / bare AES alone = {results['IronSealer.unseal, 2 KB cookie'] / aes_base:.2f}"
    )


if __name__ == "__main__":
    main()
