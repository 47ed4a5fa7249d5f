"""The reference ladder the image tasks share (fashion-mnist, mnist-5k, digits-8x8): the same
solutions, from a constant guess to an MLP on gradient features, fitted on pixels with
scikit-learn within two cores. A task's make_leaderboard.py loads its images and calls
`image_solutions(...)`, then `ladder.main` as every board does.

Each solution is `fn(train, test) -> labels in test order`; the images are read from the public
folder the ladder prepared (`DOJO_LADDER_PUBLIC`), `train_images.npy` and `test_images.npy`,
uint8 arrays of shape (n, height, width) in the row order of train.csv and test.csv.
Training sets bigger than a solution's `rows` are subsampled (seeded, stratified) so the whole
board stays within a few minutes; the entry's name says so (`…-10k`).
"""

import os

import numpy as np


def prepare_images(args, images, labels, test_size):
    """Writes an image task: a seeded split stratified by class with `test_size` test images,
    random ids (taskkit.assign_ids), train.csv (id, label), test.csv (id), train_images.npy and
    test_images.npy (uint8, (n, height, width), in the row order of the CSVs), a sample submission
    of 0s, and the answers. Images that occur more than once are dropped first: a repeat on both
    sides of the split would give its label away."""
    import pandas as pd
    import taskkit

    images = np.ascontiguousarray(images, dtype=np.uint8)
    labels = np.asarray(labels).astype(int)
    flat = images.reshape(len(images), -1)
    seen = {}
    for row in range(len(flat)):
        seen.setdefault(flat[row].tobytes(), []).append(row)
    keep = np.array(sorted(rows[0] for rows in seen.values() if len(rows) == 1))
    print(f"{len(images)} images of {images.shape[1]}x{images.shape[2]}; "
          f"dropped {len(images) - len(keep)} that occur more than once")
    table = pd.DataFrame({"row": keep, "label": labels[keep]})
    train, test = taskkit.random_split(table, args.seed, test_fraction=test_size / len(table),
                                       stratify="label")
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    return taskkit.write_task(
        args, train, test, "id", ["label"], sample={"label": 0},
        train_columns=["label"], drop_from_test=["label", "row"],
        extra_public={
            "train_images.npy": np.ascontiguousarray(images[train["row"].to_numpy()]),
            "test_images.npy": np.ascontiguousarray(images[test["row"].to_numpy()]),
        })


def load_images(name, scale=255.0):
    """One of the public .npy arrays of the prepared split, as float32 in [0, 1] (pixels / scale)."""
    folder = os.environ.get("DOJO_LADDER_PUBLIC")
    if not folder:
        raise RuntimeError("DOJO_LADDER_PUBLIC is not set: run this through ladder.main")
    images = np.load(os.path.join(folder, name), allow_pickle=False)
    return images.astype(np.float32) / np.float32(scale)


def hog_features(images, cell, bins=9):
    """Histogram-of-oriented-gradients-like features: per cell of `cell`×`cell` pixels, the
    gradient magnitude summed into `bins` unsigned orientation bins, each image's vector scaled to
    unit length. A few lines of numpy, no image library."""
    gy, gx = np.gradient(images, axis=(1, 2))
    magnitude = np.hypot(gx, gy)
    angle = np.mod(np.arctan2(gy, gx), np.pi)
    index = np.minimum((angle / np.pi * bins).astype(int), bins - 1)
    n, h, w = images.shape
    ch, cw = h // cell, w // cell
    magnitude = magnitude[:, : ch * cell, : cw * cell]
    index = index[:, : ch * cell, : cw * cell]
    out = np.zeros((n, ch, cw, bins), dtype=np.float32)
    for b in range(bins):
        weights = np.where(index == b, magnitude, 0).reshape(n, ch, cell, cw, cell)
        out[..., b] = weights.sum(axis=(2, 4))
    out = out.reshape(n, -1)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)


def subsample(y, rows, seed):
    """Row indices of a seeded, class-stratified subsample of at most `rows` rows, in order."""
    if rows is None or rows >= len(y):
        return np.arange(len(y))
    rng = np.random.default_rng(seed)
    picked = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        take = max(1, int(round(rows * len(members) / len(y))))
        picked.append(rng.choice(members, size=min(take, len(members)), replace=False))
    return np.sort(np.concatenate(picked))


def _k(rows):
    """The name suffix of a capped training set: "-10k", or nothing when every row is used."""
    if rows is None:
        return ""
    return f"-{rows // 1000}k" if rows >= 1000 and rows % 1000 == 0 else f"-{rows}"


def image_solutions(label_column, seed, small, large, cell, scale=255.0):
    """The shared ladder. `small` and `large` are training-row caps for the costly models;
    `cell` is the HOG cell size in pixels; `scale` the brightest possible pixel value."""
    # Imported here so that prepare scripts, which only need prepare_images, start fast.
    from sklearn.decomposition import PCA
    from sklearn.ensemble import ExtraTreesClassifier, HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression, RidgeClassifier
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier, NearestCentroid
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC
    from sklearn.tree import DecisionTreeClassifier
    from threadpoolctl import threadpool_limits

    import ladder

    solutions, solution = ladder.registry()
    cache = {}

    def data(train):
        if "x" not in cache:
            x_train = load_images("train_images.npy", scale)
            x_test = load_images("test_images.npy", scale)
            if len(x_train) != len(train):
                raise RuntimeError("train_images.npy and train.csv disagree in length")
            cache.update(x=x_train, t=x_test, y=train[label_column].to_numpy())
        return cache["x"], cache["y"], cache["t"]

    def flat(images):
        return images.reshape(len(images), -1)

    def hog(which, rows_used=None):
        key = ("hog", which, None if rows_used is None else len(rows_used))
        if key not in cache:
            images = cache["t"] if which == "test" else cache["x"][rows_used]
            cache[key] = hog_features(images, cell)
        return cache[key]

    def fit_pixels(model, train, rows):
        x, y, t = data(train)
        rows_used = subsample(y, rows, seed)
        model.fit(flat(x[rows_used]), y[rows_used])
        return model.predict(flat(t))

    def fit_hog(model, train, rows, with_pixels=False):
        # Gradient features of the training rows used (a seeded subsample) and of the test set.
        x, y, t = data(train)
        rows_used = subsample(y, rows, seed)
        f_train, f_test = hog("train", rows_used), hog("test")
        if with_pixels:
            f_train = np.hstack([f_train, flat(x[rows_used])])
            f_test = np.hstack([f_test, flat(t)])
        model.fit(f_train, y[rows_used])
        return model.predict(f_test)

    @solution("random-uniform-guess")
    def _(train, test):
        classes = np.unique(train[label_column])
        return np.random.default_rng(seed).choice(classes, size=len(test))

    @solution("constant-most-frequent")
    def _(train, test):
        return np.full(len(test), train[label_column].mode().iloc[0])

    @solution("rule-nearest-mean-brightness")
    def _(train, test):
        # One number per image, its mean intensity; predict the class whose mean is closest.
        x, y, t = data(train)
        brightness = flat(x).mean(axis=1)
        classes = np.unique(y)
        means = np.array([brightness[y == c].mean() for c in classes])
        test_brightness = flat(t).mean(axis=1)
        return classes[np.abs(test_brightness[:, None] - means[None, :]).argmin(axis=1)]

    @solution("tree-depth3-pixels")
    def _(train, test):
        return fit_pixels(DecisionTreeClassifier(max_depth=3, random_state=seed), train, large)

    @solution("naive-bayes-pixels")
    def _(train, test):
        return fit_pixels(GaussianNB(), train, large)

    @solution("nearest-centroid-pixels")
    def _(train, test):
        return fit_pixels(NearestCentroid(), train, None)

    @solution("tree-depth8-pixels")
    def _(train, test):
        return fit_pixels(DecisionTreeClassifier(max_depth=8, random_state=seed), train, large)

    @solution(f"nearest-centroid-hog{_k(large)}")
    def _(train, test):
        return fit_hog(NearestCentroid(), train, large)

    @solution(f"tree-unpruned-pixels{_k(small)}")
    def _(train, test):
        return fit_pixels(DecisionTreeClassifier(random_state=seed), train, small)

    @solution("logreg-pixels-500")
    def _(train, test):
        return fit_pixels(LogisticRegression(max_iter=300, C=0.1), train, 500)

    @solution(f"ridge-classifier-pixels{_k(small)}")
    def _(train, test):
        return fit_pixels(RidgeClassifier(alpha=10.0), train, small)

    @solution(f"knn1-pca30{_k(small)}")
    def _(train, test):
        model = make_pipeline(PCA(30, random_state=seed), KNeighborsClassifier(n_neighbors=1))
        return fit_pixels(model, train, small)

    @solution(f"logreg-pixels{_k(small)}")
    def _(train, test):
        return fit_pixels(LogisticRegression(max_iter=300, C=0.1), train, small)

    @solution(f"random-forest-30{_k(small)}")
    def _(train, test):
        model = RandomForestClassifier(n_estimators=30, random_state=seed, n_jobs=2)
        return fit_pixels(model, train, small)

    @solution(f"knn5-pca40{_k(large)}")
    def _(train, test):
        model = make_pipeline(PCA(40, random_state=seed), KNeighborsClassifier(n_neighbors=5, weights="distance"))
        return fit_pixels(model, train, large)

    @solution(f"extra-trees-100{_k(large)}")
    def _(train, test):
        model = ExtraTreesClassifier(n_estimators=100, random_state=seed, n_jobs=2)
        return fit_pixels(model, train, large)

    @solution(f"hist-gradient-boosting-pca40{_k(small)}")
    def _(train, test):
        model = make_pipeline(PCA(40, random_state=seed),
                              HistGradientBoostingClassifier(max_iter=60, random_state=seed))
        # One OpenMP thread: on a busy machine its spinning threads cost more than they give.
        with threadpool_limits(limits=1, user_api="openmp"):
            return fit_pixels(model, train, small)

    @solution(f"mlp-64-pixels{_k(small)}")
    def _(train, test):
        model = MLPClassifier(hidden_layer_sizes=(64,), max_iter=40, early_stopping=True,
                              random_state=seed)
        return fit_pixels(model, train, small)

    @solution(f"logreg-hog{_k(large)}")
    def _(train, test):
        return fit_hog(LogisticRegression(max_iter=500, C=10.0), train, large)

    @solution(f"linear-svm-hog-and-pixels{_k(large)}")
    def _(train, test):
        model = make_pipeline(StandardScaler(), LinearSVC(C=0.01, random_state=seed))
        return fit_hog(model, train, large, with_pixels=True)

    @solution(f"mlp-256-pixels{_k(large)}")
    def _(train, test):
        model = MLPClassifier(hidden_layer_sizes=(256,), max_iter=30, early_stopping=True,
                              random_state=seed)
        return fit_pixels(model, train, large)

    @solution(f"mlp-256-hog-and-pixels{_k(large)}")
    def _(train, test):
        model = MLPClassifier(hidden_layer_sizes=(256,), max_iter=30, early_stopping=True,
                              random_state=seed)
        return fit_hog(model, train, large, with_pixels=True)

    return solutions
