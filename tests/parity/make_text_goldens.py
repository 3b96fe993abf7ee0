#!/usr/bin/env python3
"""Goldens for Torchbook.Text against Debian's python3-torchtext 0.14 (apt-get install python3-torchtext):
get_tokenizer("basic_english") and get_tokenizer(None) on tricky lines, and build_vocab_from_iterator's order,
min_freq, max_tokens and specials on a small corpus.
Debian bookworm's python3-torchtext cannot be imported (its C++ extension fails to load: "dynamic module does
not define module export function"). The two functions tested are torchtext's own Python, in
torchtext/data/utils.py and torchtext/vocab/vocab_factory.py; this script runs those files as they are, and
stands in only for the C++ vocabulary object they hand their token list to (a list kept as given).
Run:  /usr/bin/python3 tests/parity/make_text_goldens.py
Writes tests/goldens/text/text.json (re-runnable; the C# tests read it without Python)."""
import importlib
import json
import os
import sys
import types

TORCHTEXT = "/usr/lib/python3/dist-packages/torchtext"


class _ListVocab:
    """What torchtext._torchtext.Vocab keeps that these goldens read: the tokens, in the order given."""

    def __init__(self, tokens, default_index):
        self.itos = list(tokens)

    def get_itos(self):
        return self.itos

    def __len__(self):
        return len(self.itos)


def _package(name, path=None, **attrs):
    module = types.ModuleType(name)
    if path:
        module.__path__ = [path]
    module.__dict__.update(attrs)
    sys.modules[name] = module
    return module


_package("torchtext", TORCHTEXT)
_package("torchtext._torchtext", Vocab=_ListVocab)
_package("torchtext.utils", _log_class_usage=lambda *args: None)
_package("torchtext.data", os.path.join(TORCHTEXT, "data"))
_package("torchtext.vocab", os.path.join(TORCHTEXT, "vocab"))
get_tokenizer = importlib.import_module("torchtext.data.utils").get_tokenizer
build_vocab_from_iterator = importlib.import_module("torchtext.vocab.vocab_factory").build_vocab_from_iterator
with open(os.path.join(TORCHTEXT, "version.py")) as f:
    TORCHTEXT_VERSION = [line.split("'")[1] for line in f if line.startswith("__version__")][0]

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "goldens", "text")

LINES = [
    "I loved this movie!!! Best film of the year.",
    "Don't   tell me \"it's fine\"; it isn't: it's (really) bad...",
    "Great acting,<br />terrible plot? Maybe.",
    "TABS\tand\nnewlines  and   spaces",
    "e-mail me at someone@example.com, or call 555-0100.",
    "Ünïcödé CAFÉ naïve résumé",
    "",
    "   ",
    "!?.,;:()\"'",
]

CORPUS = [
    "the cat sat on the mat",
    "the dog sat on the log",
    "a cat and a dog",
    "the cat saw the dog and the dog saw the cat",
    "<unk> is a token in the text too",
    "zebra apple mango apple zebra",
]


def vocab_case(name, **kw):
    tok = get_tokenizer("basic_english")
    v = build_vocab_from_iterator((tok(line) for line in CORPUS), **kw)
    return {"args": {k: v_ for k, v_ in kw.items()}, "itos": v.get_itos()}


def main():
    basic = get_tokenizer("basic_english")
    split = get_tokenizer(None)
    g = {"torchtext_version": TORCHTEXT_VERSION,
         "lines": LINES,
         "basic_english": [basic(line) for line in LINES],
         "split": [split(line) for line in LINES],
         "corpus": CORPUS,
         "vocabs": {
             "plain": vocab_case("plain"),
             "specials": vocab_case("specials", specials=["<unk>", "<pad>"]),
             "specials_last": vocab_case("specials_last", specials=["<unk>", "<pad>"], special_first=False),
             "min_freq_2": vocab_case("min_freq_2", min_freq=2, specials=["<unk>", "<pad>"]),
             "max_tokens_8": vocab_case("max_tokens_8", specials=["<unk>", "<pad>"], max_tokens=8),
             "max_tokens_6_min_freq_3": vocab_case("max_tokens_6_min_freq_3", min_freq=3, specials=["<pad>"], max_tokens=6),
         }}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "text.json"), "w", encoding="utf-8") as f:
        json.dump(g, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
