"""Crisis messages in other languages as the trained model's whole NLU reads them: a pattern in the message's
language decides the kind of crisis before the learnt crisis models can."""

from knowledge import load_knowledge
from knowledge.language_replies import read_language
from scripts.eval_languages import read_all

KB = load_knowledge()


def test_a_pattern_in_the_language_decides_the_kind_of_crisis():
    caught = []
    for language in KB.languages.values():
        if language.examples is None:
            continue
        for examples in language.examples.categories.values():
            for example in examples:
                signal = read_language(KB, example.text).crisis
                if signal is not None:
                    caught.append((example.text, signal.category))
    assert len(caught) >= 100
    readings = read_all([text for text, _ in caught])
    wrong = [(text, kind, r.crisis) for (text, kind), r in zip(caught, readings, strict=True) if r.crisis != kind]
    assert wrong == []
