"""The blind halves stay blind: nothing the assistant learns from is a near copy of one of their messages.

A copy with other punctuation or one word changed is still a copy, so the check is a near one: character
3-gram TF-IDF cosine of 0.9 or more. Messages under four words ("hi", "no thanks") are left out: they are the
whole of their intents' wording. Only ids are shown: the sealed halves' messages are never printed.
"""

from pathlib import Path

import yaml
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge import load_knowledge
from rasa_addons.crisis_categories import training_pairs
from scripts.nlu_score import read_examples

ROOT = Path(__file__).resolve().parents[2]
NEAR = 0.9
SHORTEST_CHECKED = 4


def plain(text: str) -> str:
    return " ".join(text.lower().split())


def learnt_texts() -> list[str]:
    """Every text the NLU and the crisis models are trained on."""
    nlu = [text for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for text, _ in read_examples(path)]
    crisis = [text for text, _ in training_pairs(load_knowledge(), TrainingData())]
    return [plain(text) for text in nlu + crisis]


def test_no_blind_message_is_near_anything_learnt_from():
    learnt = learnt_texts()
    halves = sorted((ROOT / "tests" / "blind").glob("*.yml"))
    assert len(halves) >= 10
    checked = {}
    for half in halves:
        items = yaml.safe_load(half.read_text(encoding="utf-8"))["messages"]
        checked[half.name] = [item for item in items if len(item["text"].split()) >= SHORTEST_CHECKED]
    texts = [plain(item["text"]) for items in checked.values() for item in items]
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3)).fit(learnt + texts)
    learnt_vectors = vectoriser.transform(learnt)
    for name, items in checked.items():
        vectors = vectoriser.transform([plain(item["text"]) for item in items])
        nearest = (vectors @ learnt_vectors.T).max(axis=1).toarray().ravel()
        assert [item["id"] for item, score in zip(items, nearest, strict=True) if score >= NEAR] == [], name
