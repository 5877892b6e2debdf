"""Load and check the knowledge YAML; a bad file stops startup with a message naming file, field and problem."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from . import checks, provenance
from .language_schema import LanguageFile, check_language
from .letter_parts import check_letters
from .letter_schema import LettersFile
from .pa_schema import PaNotAnsweringFile, check_pa_not_answering
from .provenance import council_facts, national_facts
from .schema import (
    CouncilFile,
    CouncilName,
    CouncilRegister,
    CrisisExamplesFile,
    CrisisFile,
    NationalFile,
    VocabularyFile,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
Model = TypeVar("Model", bound=BaseModel)


class KnowledgeError(Exception):
    """The knowledge files cannot be served: each line names a file, a field and the problem."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    """Everything the assistant knows, checked and ready to answer from."""

    national: NationalFile
    councils: Mapping[str, CouncilFile]
    register: CouncilRegister
    crisis: CrisisFile
    crisis_examples: CrisisExamplesFile
    vocabulary: VocabularyFile
    letters: LettersFile
    pa_not_answering: PaNotAnsweringFile
    languages: Mapping[str, LanguageFile] = field(default_factory=dict)

    def council(self, council_id: str) -> CouncilFile:
        """The council file for an id; KeyError if the council is not covered."""
        return self.councils[council_id]

    def registered(self, council_id: str | None) -> CouncilName | None:
        """A council's entry in the register of English councils (name and the names people use), if any."""
        return next((c for c in self.register.councils if c.id == council_id), None)


def shown_path(path: Path) -> str:
    """A path as people see it in messages: relative to the project where possible."""
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent.parent))
    except ValueError:
        return str(path)


def field_path(location: Iterable[object]) -> str:
    """Turn a location such as ('topics', 'housing', 'points', 0) into topics.housing.points[0]."""
    shown = ""
    for part in location:
        if part == "__root__":
            continue
        if isinstance(part, int):
            shown += f"[{part}]"
        else:
            shown += f".{part}" if shown else str(part)
    return shown or "(top level)"


def read_file(path: Path, model: type[Model]) -> Model:
    """Parse one YAML file into its model, or raise KnowledgeError naming the file and field."""
    name = shown_path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise KnowledgeError([f"{name}: cannot be read: {error.strerror}"]) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(unknown line)"
        problem = getattr(error, "problem", None) or str(error)
        raise KnowledgeError([f"{name}: {where}: not valid YAML: {problem}"]) from error
    if not isinstance(raw, dict):
        raise KnowledgeError([f"{name}: (top level): expected a mapping of fields, found {type(raw).__name__}"])
    try:
        return model.parse_obj(raw)
    except ValidationError as error:
        raise KnowledgeError([f"{name}: {field_path(e['loc'])}: {e['msg']}" for e in error.errors()]) from error


def load_knowledge(data_dir: Path = DATA_DIR, sources_dir: Path = provenance.SOURCES_DIR) -> KnowledgeBase:
    """Read every knowledge file under data_dir, check them together and against the stored sources."""
    texts, problems = provenance.load_source_texts(sources_dir)
    national_path = data_dir / "national.yaml"
    register_path = data_dir / "england_councils.yaml"
    crisis_path = data_dir / "crisis.yaml"
    examples_path = data_dir / "crisis_examples.yaml"
    vocabulary_path = data_dir / "vocabulary.yaml"
    national = _collect(problems, national_path, NationalFile)
    register = _collect(problems, register_path, CouncilRegister)
    crisis = _collect(problems, crisis_path, CrisisFile)
    crisis_examples = _collect(problems, examples_path, CrisisExamplesFile)
    vocabulary = _collect(problems, vocabulary_path, VocabularyFile)
    letters_path = data_dir / "letters.yaml"
    letters = _collect(problems, letters_path, LettersFile)
    pa_path = data_dir / "pa_not_answering.yaml"
    pa_not_answering = _collect(problems, pa_path, PaNotAnsweringFile)
    councils: dict[str, CouncilFile] = {}
    council_paths = sorted((data_dir / "councils").glob("*.yaml"))
    if not council_paths:
        problems.append(f"{shown_path(data_dir / 'councils')}: (top level): no council files found")
    for path in council_paths:
        council = _collect(problems, path, CouncilFile)
        if council is not None:
            councils[path.stem] = council
    if national is not None:
        problems += checks.check_national(shown_path(national_path), national)
        problems += _check_numbers(shown_path(national_path), national.sources, national_facts(national), texts)
        for path in council_paths:
            if path.stem in councils:
                council, name = councils[path.stem], shown_path(path)
                problems += checks.check_council(name, path.stem, council, national, register)
                problems += _check_numbers(name, council.sources, council_facts(national, council), texts)
    if register is not None:
        problems += checks.check_register(shown_path(register_path), register)
    if crisis is not None and national is not None:
        problems += checks.check_crisis(shown_path(crisis_path), crisis, national)
    if crisis is not None and crisis_examples is not None:
        problems += checks.check_crisis_examples(shown_path(examples_path), crisis_examples, crisis)
    if vocabulary is not None and national is not None:
        problems += checks.check_vocabulary(shown_path(vocabulary_path), vocabulary, national)
    if letters is not None and national is not None:
        problems += check_letters(shown_path(letters_path), letters, national, councils, texts)
    if pa_not_answering is not None and national is not None:
        problems += check_pa_not_answering(shown_path(pa_path), pa_not_answering, national)
    languages = _load_languages(problems, data_dir / "languages", crisis)
    # A file that did not load has listed its problem; the None checks say so to the type checker too.
    if (
        problems
        or national is None
        or register is None
        or crisis is None
        or crisis_examples is None
        or vocabulary is None
        or letters is None
        or pa_not_answering is None
    ):
        raise KnowledgeError(problems)
    return KnowledgeBase(
        national=national,
        councils=councils,
        register=register,
        crisis=crisis,
        crisis_examples=crisis_examples,
        vocabulary=vocabulary,
        letters=letters,
        pa_not_answering=pa_not_answering,
        languages=languages,
    )


def _load_languages(problems: list[str], folder: Path, crisis: CrisisFile | None) -> dict[str, LanguageFile]:
    """Every languages/CODE.yaml, checked; en.yaml (what a language with no file is told) must be there."""
    languages: dict[str, LanguageFile] = {}
    if not (folder / "en.yaml").is_file():
        problems.append(f"{shown_path(folder / 'en.yaml')}: (top level): the notice for other languages is needed")
    categories = set(crisis.categories) if crisis is not None else set()
    for path in sorted(folder.glob("*.yaml")):
        language = _collect(problems, path, LanguageFile)
        if language is not None:
            languages[path.stem] = language
            problems += check_language(shown_path(path), path.stem, language, categories)
    return languages


def _check_numbers(name: str, sources: Mapping, facts: Iterable, texts: Mapping) -> list[str]:
    return provenance.check_sources(name, sources, texts) + provenance.check_facts(name, facts, sources, texts)


def _collect(problems: list[str], path: Path, model: type[Model]) -> Model | None:
    try:
        return read_file(path, model)
    except KnowledgeError as error:
        problems.extend(error.problems)
        return None
