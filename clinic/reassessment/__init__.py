"""Re-assessment: the short progress visit after an intake.

It carries the intake's answers that change (pain, where the symptoms are, the course, work and
goals) forward to be confirmed or changed, asks the short red-flag screen again, records the
scheduled measures dated on the visit, and ends in a progress note with a plan. Signed means
locked; later corrections are amendments that keep the original.

`models` (the rows), `carry` (what is copied forward and how it is compared), `services` (the
writes) and `forms` (the pages' forms).
"""
