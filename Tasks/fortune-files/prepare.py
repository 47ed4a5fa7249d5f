#!/usr/bin/env python3
"""Prepare the `fortune-files` task from the Debian package `fortunes` (the BSD fortune
cookie files in /usr/share/games/fortunes): which file does a quotation come from?

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (id, file)

--raw is optional: a folder holding copies of the fortune files (named as in the package: cookie,
people, zippy, ...). Without it they are read from /usr/share/games/fortunes, which the Debian
package `fortunes` installs (`apt-get install fortunes`; .ci/install-deps does it when root).
The output is a pure function of the seed: the same seed gives the same bytes.
"""

import os
import re
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

FOLDER = "/usr/share/games/fortunes"
# The 16 files with at least 400 fortunes in fortunes 1:1.99.1-7.3 (Debian 12).
FILES = ["art", "computers", "cookie", "definitions", "fortunes", "knghtbrd", "men-women",
         "miscellaneous", "people", "platitudes", "politics", "science", "songs-poems", "wisdom",
         "work", "zippy"]
EXPECTED_ROWS = 11292
OVERSTRIKE = re.compile(r".\x08")  # "_\bW" (underline) and "W\bW" (bold) of the old terminals


def read_file(path):
    with open(path, "rb") as source:
        text = source.read().decode("utf-8", errors="replace")
    entries = re.split(r"\n%\n", text.replace("\r\n", "\n"))
    cleaned = []
    for entry in entries:
        entry = OVERSTRIKE.sub("", entry).replace("\x08", "").strip("\n%")
        if entry.strip():
            cleaned.append(entry.rstrip())
    return cleaned


def main():
    args = taskkit.arguments(__doc__)
    folder = args.raw or FOLDER
    rows = []
    for name in FILES:
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            raise taskkit.TaskKitError(f"{path} does not exist: install the Debian package `fortunes` "
                                       "(apt-get install fortunes) or pass --raw DIR with copies of the files")
        rows += [(text, name) for text in read_file(path)]
    table = pd.DataFrame(rows, columns=["text", "file"])
    # A fortune found in two files has no single answer, and one repeated in its own file would
    # be in train and test: compare on the words alone, drop every fortune found in more than one
    # file and keep one copy of the others.
    key = table["text"].str.lower().str.replace(r"\s+", " ", regex=True).str.strip()
    files_per_text = table.groupby(key)["file"].transform("nunique")
    table = table[(files_per_text == 1).to_numpy()]
    table = table[~key[table.index].duplicated(keep="first").to_numpy()]
    if len(table) != EXPECTED_ROWS:
        raise taskkit.TaskKitError(f"the fortune files hold {len(table)} distinct fortunes, expected "
                                   f"{EXPECTED_ROWS}: a different version of the package `fortunes`?")
    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25, stratify="file")
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", ["file"], {"file": "people"})


if __name__ == "__main__":
    taskkit.run(main)
