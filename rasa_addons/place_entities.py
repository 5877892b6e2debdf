"""An NLU component that turns the place names spaCy's EntityRuler found into `council` entities (by id)."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from knowledge.places import COUNCIL_LABEL

SPACY_DOC = "text_spacy_doc"
COUNCIL_ENTITY = "council"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class PlaceEntities(GraphComponent, EntityExtractorMixin):
    """Adds a `council` entity, valued with the council's id, for every council or town name in a message."""

    @classmethod
    def required_components(cls) -> list[type]:
        """It reads the spaCy doc that SpacyNLP (with models/places) made."""
        return [SpacyNLP]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PlaceEntities:
        """Nothing to load: the patterns live in the spaCy pipeline."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Add the council entities to each message."""
        for message in messages:
            doc = message.get(SPACY_DOC)
            if doc is None:
                continue
            found = [
                {
                    "entity": COUNCIL_ENTITY,
                    "value": ent.ent_id_,
                    "start": ent.start_char,
                    "end": ent.end_char,
                    "confidence": 1.0,
                    "extractor": type(self).__name__,
                }
                for ent in doc.ents
                if ent.label_ == COUNCIL_LABEL
            ]
            if found:
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), *found], add_to_output=True)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        """Training data keeps its own entities."""
        return training_data
