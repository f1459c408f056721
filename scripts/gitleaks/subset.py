#!/usr/bin/env python3
"""Writes the subset of a gitleaks config/gitleaks.toml that logwarden vendors.

Usage: subset.py <full gitleaks.toml> <output gitleaks.toml>

The file is split at its [[rules]] tables and each table is kept or left out whole, so the vendored
text is the upstream text, byte for byte. Left out:
  - generic-api-key (logwarden's own secret-named-key reading covers it, and better on logs);
  - rules without keywords (path-only rules such as pkcs12-file: logs have no file paths to match);
  - rules with any keyword of 3 characters or fewer (a prefilter on "sk" or "ey" fires on most
    lines; logwarden's fast path covers the shapes those rules find).
Everything before the first [[rules]] (title, global allowlist) is kept. Needs Python 3.11+ (tomllib).
"""
import sys
import tomllib

LEFT_OUT_IDS = {"generic-api-key"}
SHORTEST_KEYWORD = 4


def keep(rule):
    keywords = rule.get("keywords") or []
    if rule["id"] in LEFT_OUT_IDS or not keywords or "regex" not in rule:
        return False
    return all(len(k) >= SHORTEST_KEYWORD for k in keywords)


def main(source, target):
    text = open(source, encoding="utf-8").read()
    marker = "\n[[rules]]\n"
    head, *blocks = text.split(marker)
    kept = []
    for block in blocks:
        rule = tomllib.loads("[[rules]]\n" + block)["rules"][0]
        if keep(rule):
            kept.append(block)
    out = head + "".join(marker + b for b in kept)
    if not out.endswith("\n"):
        out += "\n"
    tomllib.loads(out)  # still valid TOML
    open(target, "w", encoding="utf-8").write(out)
    print(f"kept {len(kept)} of {len(blocks)} rules", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
