#!/usr/bin/python3
"""Reference values for the categorical encoders (test/features/OneHotEncoder.test.ts, OrdinalEncoder.test.ts),
from scikit-learn 1.2.

    /usr/bin/python3 test/reference/scripts/encoders.py
Writes test/reference/encoders.json. The table has a string column (mixed case and a non-ASCII category, so
the order is by code point, not locale), a numeric column (negative, non-integer, and 9 < 10 numerically but not
as text; two categories tie in count), a boolean column and a constant string column. Counts are skewed so
min_frequency and max_categories group categories. Each case stores its options under segmentkit's names.
NaN (an OrdinalEncoder unknown_value) is written as null, since JSON has no NaN.
"""
import json
import math
import warnings
import numpy as np
import sklearn
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder

warnings.simplefilter("ignore")  # drop + handle_unknown='ignore' warns about unknowns at transform
rng = np.random.default_rng(20261123)

plan = ["basic"] * 30 + ["plus"] * 18 + ["Pro"] * 14 + ["team"] * 8 + ["été"] * 5 + ["trial"] * 3 + ["enterprise"] * 2
region = [2] * 29 + [3] * 20 + [9] * 12 + [10] * 12 + [-1] * 4 + [2.5] * 3
subscribed = [True] * 56 + [False] * 24
n = len(plan)
assert len(region) == n == len(subscribed)
columns = [rng.permutation(np.array(c, dtype=object)) for c in (plan, region, subscribed)]
rows = [[columns[0][i], columns[1][i], bool(columns[2][i]), "EU"] for i in range(n)]
X = np.array(rows, dtype=object)

x_new_rows = [
    ["basic", 2, True, "EU"],
    ["trial", 10, False, "EU"],
    ["gold", 3, True, "EU"],          # unknown plan
    ["Pro", 7, False, "EU"],          # unknown region
    ["été", -1, True, "US"],          # unknown country
    ["enterprise", 2.5, False, "EU"],
    ["team", 9, True, "EU"],
    ["plus", 2, False, "EU"],
    ["platinum", 11, True, "APAC"],   # unknown in three columns
    ["basic", 3, False, "EU"],
    ["Basic", 2, True, "EU"],         # case matters: unknown
    ["pro", 2, True, "EU"],           # case matters: unknown
]
X_new = np.array(x_new_rows, dtype=object)
known = [0, 1, 5, 6, 7, 9]
X_known = X_new[known]
input_names = ["plan", "region", "subscribed", "country"]

given_onehot = [
    ["trial", "basic", "plus", "Pro", "team", "enterprise", "été", "gold"],  # custom order, one unseen
    [-1, 2, 2.5, 3, 7, 9, 10],                                               # sorted (required), 7 unseen
    [False, True],
    ["EU", "US"],
]
given_ordinal = [
    ["trial", "basic", "plus", "Pro", "team", "enterprise", "été"],
    [-1, 2, 2.5, 3, 9, 10],
    [False, True],
    ["EU"],
]


def clean(value):
    """numpy scalars and arrays to plain JSON values; NaN to None."""
    if isinstance(value, np.ndarray):
        return [clean(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def codes(matrix):
    """A transform output (0/1 or integer codes, NaN for an unknown) as integers where integral, to keep the file small."""
    return [[None if math.isnan(v) else int(v) if float(v).is_integer() else v for v in row] for row in np.asarray(matrix, dtype=float).tolist()]


def onehot_kwargs(params):
    names = {"handleUnknown": "handle_unknown", "drop": "drop", "minFrequency": "min_frequency",
             "maxCategories": "max_categories", "categories": "categories"}
    return {names[k]: v for k, v in params.items()}


out = {
    "generator": {"sklearn": sklearn.__version__, "numpy": np.__version__, "script": "test/reference/scripts/encoders.py"},
    "X": clean(X), "XNew": clean(X_new), "XKnown": clean(X_known), "inputNames": input_names,
    "onehot": [], "ordinal": [],
}


def onehot_case(name, params, new="XNew", inverse_new=True):
    data_new = X_new if new == "XNew" else X_known
    model = OneHotEncoder(sparse_output=False, **onehot_kwargs(params)).fit(X)
    transformed = model.transform(data_new)
    n_out = transformed.shape[1]
    z = np.round(rng.uniform(size=(8, n_out)), 6)  # no ties, no all-zero rows: argmax decides
    infrequent = getattr(model, "infrequent_categories_", [None] * len(model.categories_))
    entry = {
        "name": name, "params": params, "new": new,
        "categories": clean(model.categories_),
        "infrequent": [None if c is None else clean(c) for c in infrequent],
        "nOutputs": n_out,
        "featureNames": clean(model.get_feature_names_out()),
        "featureNamesCustom": clean(model.get_feature_names_out(input_names)),
        "transform": codes(model.transform(X)),
        "transformNew": codes(transformed),
        "randomZ": clean(z),
        "inverseRandom": clean(model.inverse_transform(z)),
    }
    entry["inverseNew" if inverse_new else "inverseNewSklearnQuirk"] = clean(model.inverse_transform(transformed))
    out["onehot"].append(entry)


onehot_case("default", {}, new="XKnown")
onehot_case("drop_first", {"drop": "first"}, new="XKnown")
onehot_case("drop_if_binary", {"drop": "if_binary"}, new="XKnown")
onehot_case("ignore", {"handleUnknown": "ignore"})
onehot_case("ignore_drop_first", {"handleUnknown": "ignore", "drop": "first"})
onehot_case("ignore_drop_if_binary", {"handleUnknown": "ignore", "drop": "if_binary"})
onehot_case("infrequent_if_exist_without_infrequent", {"handleUnknown": "infrequent_if_exist"})
onehot_case("min_frequency_count", {"handleUnknown": "infrequent_if_exist", "minFrequency": 5})
onehot_case("min_frequency_fraction", {"handleUnknown": "infrequent_if_exist", "minFrequency": 0.1})
onehot_case("max_categories", {"handleUnknown": "infrequent_if_exist", "maxCategories": 3})
onehot_case("max_categories_tie", {"handleUnknown": "infrequent_if_exist", "maxCategories": 4})
onehot_case("max_and_min_error", {"minFrequency": 5, "maxCategories": 4}, new="XKnown")
onehot_case("min_frequency_drop_first", {"handleUnknown": "infrequent_if_exist", "minFrequency": 5, "drop": "first"})
onehot_case("min_frequency_if_binary", {"handleUnknown": "infrequent_if_exist", "minFrequency": 19, "drop": "if_binary"})
onehot_case("ignore_min_frequency", {"handleUnknown": "ignore", "minFrequency": 5})
# scikit-learn 1.2's inverse_transform returns categories_[i][0] for a dropped row here even when that category
# is infrequent (not the dropped one); segmentkit returns the dropped category instead, so the inverse is stored
# under another key and the test checks that the two differ only there. The random inverse has no all-zero rows
# and is unaffected.
onehot_case("ignore_min_frequency_drop_first", {"handleUnknown": "ignore", "minFrequency": 15, "drop": "first"}, inverse_new=False)
onehot_case("given_categories_ignore", {"handleUnknown": "ignore", "categories": given_onehot})
onehot_case("given_categories_min_frequency", {"handleUnknown": "infrequent_if_exist", "minFrequency": 1, "categories": given_onehot})


def ordinal_case(name, params, new="XNew"):
    data_new = X_new if new == "XNew" else X_known
    kwargs = {"handle_unknown": params.get("handleUnknown", "error")}
    if "unknownValue" in params:
        kwargs["unknown_value"] = np.nan if params["unknownValue"] is None else params["unknownValue"]
    if "categories" in params:
        kwargs["categories"] = params["categories"]
    model = OrdinalEncoder(**kwargs).fit(X)
    transformed = model.transform(data_new)
    out["ordinal"].append({
        "name": name, "params": params, "new": new,
        "categories": clean(model.categories_),
        "featureNames": clean(model.get_feature_names_out()),
        "featureNamesCustom": clean(model.get_feature_names_out(input_names)),
        "transform": codes(model.transform(X)),
        "transformNew": codes(transformed),
        "inverseNew": clean(model.inverse_transform(transformed)),
    })


ordinal_case("default", {}, new="XKnown")
ordinal_case("unknown_minus_one", {"handleUnknown": "use_encoded_value", "unknownValue": -1})
ordinal_case("unknown_nan", {"handleUnknown": "use_encoded_value", "unknownValue": None})
ordinal_case("unknown_large", {"handleUnknown": "use_encoded_value", "unknownValue": 99})
ordinal_case("given_categories", {"categories": given_ordinal}, new="XKnown")

with open("test/reference/encoders.json", "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False)
print("wrote test/reference/encoders.json with", len(out["onehot"]), "one-hot and", len(out["ordinal"]), "ordinal cases")
