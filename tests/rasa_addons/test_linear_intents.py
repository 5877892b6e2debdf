"""The intent classifier: trained and saved through Rasa's model storage, and a tampered file refused."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.calibration import CalibratedClassifierCV
from sklearn.svm import LinearSVC

from rasa_addons.linear_intents import MODEL_FILE, LinearIntentClassifier, fit, vectorizers

EXAMPLES = {
    "ask_council_tax": ["do i pay council tax", "am i exempt from council tax", "council tax bill help"],
    "ask_care_file": ["how do i get my care file", "can i see my records from care", "access my care records"],
    "greet": ["hello", "hi there", "hey"],
}


@pytest.fixture
def storage(tmp_path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


def trained(storage: LocalModelStorage) -> Resource:
    resource = Resource("intents")
    data = TrainingData([Message.build(text, intent) for intent, texts in EXAMPLES.items() for text in texts])
    LinearIntentClassifier.create({"calibration_folds": 2}, storage, resource, context()).train(data)
    return resource


def classify(classifier: LinearIntentClassifier, text: str) -> Message:
    message = Message.build(text)
    classifier.process([message])
    return message


def test_a_saved_classifier_loads_and_ranks_every_intent(storage):
    resource = trained(storage)
    loaded = LinearIntentClassifier.load({}, storage, resource, context())

    message = classify(loaded, "am i exempt from paying council tax")

    ranking = message.get("intent_ranking")
    assert message.get("intent") == ranking[0]
    assert ranking[0]["name"] == "ask_council_tax"
    assert {r["name"] for r in ranking} == set(EXAMPLES)
    assert [r["confidence"] for r in ranking] == sorted((r["confidence"] for r in ranking), reverse=True)
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_a_message_with_no_text_is_left_alone(storage):
    loaded = LinearIntentClassifier.load({}, storage, trained(storage), context())
    assert classify(loaded, "").get("intent") is None


def test_confidences_are_what_scikit_learn_computes():
    texts = [text for texts in EXAMPLES.values() for text in texts]
    intents = np.array([intent for intent, texts in EXAMPLES.items() for _ in texts])
    config = {**LinearIntentClassifier.get_default_config(), "calibration_folds": 2}
    ours = fit(texts, intents, config)
    word, char = vectorizers(config)
    features = scipy.sparse.hstack([word.fit_transform(texts), char.fit_transform(texts)], format="csr")
    svm = LinearSVC(C=config["C"], random_state=config["random_seed"])
    reference = CalibratedClassifierCV(svm, cv=2, method="sigmoid", ensemble=False).fit(features, intents)

    queries = ["council tax", "my care file please", "hiya", "something else entirely", "", "!!!"]
    expected = reference.predict_proba(scipy.sparse.hstack([word.transform(queries), char.transform(queries)]))
    assert np.allclose(ours.confidences(queries), expected)


def test_a_model_file_holding_pickled_objects_is_refused(storage):
    resource = trained(storage)
    with storage.write_to(resource) as directory:
        with np.load(directory / MODEL_FILE) as saved:
            arrays = dict(saved)
        arrays["intents"] = np.array([{"not": "a name"}], dtype=object)  # unpickling this could run code
        np.savez(directory / MODEL_FILE, **arrays)

    with pytest.raises(ValueError, match="allow_pickle"):
        LinearIntentClassifier.load({}, storage, resource, context())
