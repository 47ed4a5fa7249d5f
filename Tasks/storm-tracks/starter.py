# Baseline for storm-tracks: extrapolate each storm's last 12 hours of motion for 24 hours.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import numpy as np
import pandas as pd

test = pd.read_csv("input/test.csv")                 # id, storm, hours (the forecast time)
tracks = pd.read_csv("input/test_tracks.csv")        # each test storm's fixes up to that time

rows = []
for storm, hours in zip(test["storm"], test["hours"]):
    fixes = tracks[tracks["storm"] == storm].sort_values("hours")
    now = fixes.iloc[-1]
    # Where was the storm 12 hours ago? Interpolate along the track (or use its first fix).
    lat12 = np.interp(hours - 12, fixes["hours"], fixes["lat"])
    long12 = np.interp(hours - 12, fixes["hours"], fixes["long"])
    rows.append((now["lat"] + 2 * (now["lat"] - lat12), now["long"] + 2 * (now["long"] - long12)))

# Ideas: learn the 24 h displacement from train.csv + train_tracks.csv (storms recurve north-east
# as they leave the tropics), with the motion, latitude, month and intensity as features.
os.makedirs("submission", exist_ok=True)
lat, long = np.array(rows).T
pd.DataFrame({"id": test["id"], "lat_24h": np.clip(lat, -90, 90), "long_24h": long}).to_csv(
    "submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
