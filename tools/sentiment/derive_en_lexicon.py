#!/usr/bin/env python3
"""Writes the VADER-derived part of Sources/ReputationCore/Rules/lexicon-en.tsv (words only; emoticons go to
emoji.tsv by hand). Run once; the file is maintained by hand afterwards (additions at its end).

VADER (Hutto & Gilbert, 2014) is MIT-licensed: https://github.com/cjhutto/vaderSentiment
"""
import re
import sys
import vaderSentiment, os

path = os.path.join(os.path.dirname(vaderSentiment.__file__), "vader_lexicon.txt")
out = sys.stdout
for line in open(path, encoding="utf-8"):
    term, valence = line.split("\t")[:2]
    if re.fullmatch(r"[a-z][a-z'\-]*", term):
        out.write(f"{term}\t{float(valence):g}\n")
