"""Pipeline.process cuts its nlp.pipe batches by documents and by characters (memory bound)."""

from __future__ import annotations

from accord.records import Article


def test_batches_are_cut_by_characters_as_well_as_by_documents(pipeline):
    from accord.pipeline import Pipeline

    small = Pipeline(pipeline.settings.replace(batch_size=64, batch_chars=120),
                     pipeline.knowledge)
    sizes: list[int] = []
    original = small._code_batch

    def spy(batch):
        sizes.append(len(batch))
        return original(batch)

    small._code_batch = spy
    texts = [f"Kenya and Uganda signed trade agreement number {i} in Nairobi on Monday."
             for i in range(6)]
    results = list(small.process(Article(doc_id=f"d{i}", text=t) for i, t in enumerate(texts)))
    assert [r.doc_id for r in results] == [f"d{i}" for i in range(6)]
    assert all(r.events for r in results)
    assert max(sizes) < 6 and sum(sizes) == 6  # ~72 characters each: two per batch
