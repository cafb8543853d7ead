"""The therapist's objective exam of a patient with low-back pain and leg symptoms.

``rules`` is pure (standard library only): the vocabularies, gradings and the rules that turn
findings into red flags. ``models`` holds the exam and its amendments, ``services`` the one way
an exam is recorded, changed or amended (raising its flags), ``forms`` the exam form.
"""
